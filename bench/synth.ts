// Synthetic estates in the accounts/<id>/<region>/ snapshot layout, deterministic from a seed.
// Tiers: S = 10 accounts, M = 100 (~20k ENIs), L = 1000 (~200k ENIs). Per account: 2–4 VPCs with
// public/private/TGW subnets, route tables with IGW/NAT/TGW/peering routes, NACLs, security groups
// with many rules (CIDRs, SG references, prefix lists), ~200 ENIs and instances, EIPs, peering;
// account 0 is the network hub with a transit gateway every VPC attaches to.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Rng } from './lib/rng.js';

export interface SynthOptions {
  readonly accounts: number;
  readonly seed: number;
  /** ENIs per account (default 200). */
  readonly enisPerAccount?: number;
}

export interface SynthSummary {
  readonly accounts: number;
  readonly files: number;
  readonly bytes: number;
  readonly vpcs: number;
  readonly subnets: number;
  readonly enis: number;
  readonly instances: number;
}

export const TIERS: Readonly<Record<string, number>> = { S: 10, M: 100, L: 1000 };

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2'];
const tagList = (name: string, extra: Record<string, string> = {}) =>
  Object.entries({ Name: name, ...extra }).map(([Key, Value]) => ({ Key, Value }));

export function accountIdOf(i: number): string {
  return String(100000000000 + i * 7919).padStart(12, '0');
}

interface AccountPlan {
  id: string;
  region: string;
  vpcs: { id: string; cidr: string; second: number }[];
}

function plan(opts: SynthOptions): AccountPlan[] {
  const rng = new Rng(opts.seed);
  const out: AccountPlan[] = [];
  let second = 0;
  for (let a = 0; a < opts.accounts; a++) {
    const n = rng.int(2, 4);
    const vpcs = [];
    for (let v = 0; v < n; v++) {
      // Unique 10.x.y.0/20 per VPC across the org (up to 16 × 256 × 16 VPCs).
      const k = second++;
      vpcs.push({ id: `vpc-${rng.hex(17)}`, cidr: `10.${(k >> 4) & 255}.${(k & 15) << 4}.0/20`, second: k });
    }
    out.push({ id: accountIdOf(a), region: REGIONS[a % REGIONS.length]!, vpcs });
  }
  return out;
}

function ipIn(cidrBase: string, offset: number): string {
  const [a, b, c] = cidrBase.split('.').map(Number) as [number, number, number];
  const n = (a << 24) + (b << 16) + (c << 8) + offset;
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Write the estate; returns what was written. */
export async function writeSyntheticEstate(dir: string, opts: SynthOptions): Promise<SynthSummary> {
  const plans = plan(opts);
  const rng = new Rng(opts.seed ^ 0x9e3779b9);
  const enisPerAccount = opts.enisPerAccount ?? 200;
  const hub = plans[0]!;
  const tgwId = `tgw-${rng.hex(17)}`;
  const tgwRtbId = `tgw-rtb-${rng.hex(17)}`;
  const tgwAttachments: object[] = [];
  const tgwVpcAttachments: object[] = [];
  const propagations: object[] = [];
  const tgwRoutes: object[] = [];
  let files = 0;
  let bytes = 0;
  let vpcCount = 0;
  let subnetCount = 0;
  let eniCount = 0;
  let instanceCount = 0;

  const write = async (accountId: string, region: string, name: string, data: object) => {
    const d = join(dir, 'accounts', accountId, region);
    await mkdir(d, { recursive: true });
    const text = JSON.stringify(data, null, 4); // the AWS CLI indents with 4 spaces
    await writeFile(join(d, name), text);
    files++;
    bytes += text.length;
  };

  for (let ai = 0; ai < plans.length; ai++) {
    const p = plans[ai]!;
    const azs = ['a', 'b', 'c'].map((s) => `${p.region}${s}`);
    const vpcs: object[] = [];
    const subnets: object[] = [];
    const routeTables: object[] = [];
    const igws: object[] = [];
    const nats: object[] = [];
    const nacls: object[] = [];
    const sgs: object[] = [];
    const enis: object[] = [];
    const reservations: object[] = [];
    const addresses: object[] = [];
    const peerings: object[] = [];
    const sgIds: string[] = [];
    const subnetPlan: { id: string; vpc: string; az: string; base: string; public: boolean }[] = [];

    for (const v of p.vpcs) {
      vpcCount++;
      vpcs.push({
        CidrBlock: v.cidr,
        DhcpOptionsId: `dopt-${rng.hex(8)}`,
        State: 'available',
        VpcId: v.id,
        OwnerId: p.id,
        InstanceTenancy: 'default',
        CidrBlockAssociationSet: [
          {
            AssociationId: `vpc-cidr-assoc-${rng.hex(17)}`,
            CidrBlock: v.cidr,
            CidrBlockState: { State: 'associated' },
          },
        ],
        IsDefault: false,
        Tags: tagList(`vpc-${ai}-${v.second}`, { env: rng.pick(['prod', 'dev', 'staging']) }),
      });
      const [o1, o2, o3] = v.cidr.split('.').map(Number) as [number, number, number];
      const igwId = `igw-${rng.hex(17)}`;
      igws.push({
        Attachments: [{ State: 'available', VpcId: v.id }],
        InternetGatewayId: igwId,
        OwnerId: p.id,
        Tags: tagList(`igw-${v.second}`),
      });
      const natId = `nat-${rng.hex(17)}`;
      // 6 subnets per VPC: 3 public, 3 private, /24 each.
      const vpcSubnets: string[] = [];
      for (let s = 0; s < 6; s++) {
        const id = `subnet-${rng.hex(17)}`;
        const base = `${o1}.${o2}.${o3 + s}.0`;
        const isPublic = s < 3;
        subnetPlan.push({ id, vpc: v.id, az: azs[s % 3]!, base, public: isPublic });
        vpcSubnets.push(id);
        subnetCount++;
        subnets.push({
          AvailabilityZone: azs[s % 3],
          AvailabilityZoneId: `use1-az${(s % 3) + 1}`,
          AvailableIpAddressCount: 250,
          CidrBlock: `${base}/24`,
          DefaultForAz: false,
          MapPublicIpOnLaunch: isPublic,
          State: 'available',
          SubnetId: id,
          VpcId: v.id,
          OwnerId: p.id,
          AssignIpv6AddressOnCreation: false,
          Ipv6CidrBlockAssociationSet: [],
          SubnetArn: `arn:aws:ec2:${p.region}:${p.id}:subnet/${id}`,
          Tags: tagList(`${isPublic ? 'public' : 'private'}-${s}`),
        });
      }
      const natEni = `eni-${rng.hex(17)}`;
      const natIp = `${rng.int(3, 54)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
      const natAlloc = `eipalloc-${rng.hex(17)}`;
      nats.push({
        CreateTime: '2024-01-01T00:00:00.000Z',
        NatGatewayAddresses: [
          {
            AllocationId: natAlloc,
            NetworkInterfaceId: natEni,
            PrivateIp: ipIn(`${o1}.${o2}.${o3}.0`, 10),
            PublicIp: natIp,
          },
        ],
        NatGatewayId: natId,
        State: 'available',
        SubnetId: vpcSubnets[0],
        VpcId: v.id,
        ConnectivityType: 'public',
        Tags: tagList(`nat-${v.second}`),
      });
      addresses.push({
        PublicIp: natIp,
        AllocationId: natAlloc,
        Domain: 'vpc',
        NetworkInterfaceId: natEni,
        NetworkInterfaceOwnerId: p.id,
        PrivateIpAddress: ipIn(`${o1}.${o2}.${o3}.0`, 10),
        PublicIpv4Pool: 'amazon',
        NetworkBorderGroup: p.region,
      });
      enis.push({
        AvailabilityZone: azs[0],
        Description: `Interface for NAT Gateway ${natId}`,
        Groups: [],
        InterfaceType: 'nat_gateway',
        Ipv6Addresses: [],
        MacAddress: '0e:00:00:00:00:01',
        NetworkInterfaceId: natEni,
        OwnerId: p.id,
        PrivateIpAddress: ipIn(`${o1}.${o2}.${o3}.0`, 10),
        PrivateIpAddresses: [
          {
            Association: { IpOwnerId: p.id, PublicIp: natIp, AllocationId: natAlloc },
            Primary: true,
            PrivateIpAddress: ipIn(`${o1}.${o2}.${o3}.0`, 10),
          },
        ],
        RequesterId: 'amazon-elb',
        RequesterManaged: true,
        SourceDestCheck: false,
        Status: 'in-use',
        SubnetId: vpcSubnets[0],
        TagSet: [],
        VpcId: v.id,
      });
      eniCount++;
      const tgwAttId = `tgw-attach-${rng.hex(17)}`;
      tgwAttachments.push({
        TransitGatewayAttachmentId: tgwAttId,
        TransitGatewayId: tgwId,
        TransitGatewayOwnerId: hub.id,
        ResourceOwnerId: p.id,
        ResourceType: 'vpc',
        ResourceId: v.id,
        State: 'available',
        Association: { TransitGatewayRouteTableId: tgwRtbId, State: 'associated' },
        CreationTime: '2024-01-01T00:00:00.000Z',
        Tags: [],
      });
      tgwVpcAttachments.push({
        TransitGatewayAttachmentId: tgwAttId,
        TransitGatewayId: tgwId,
        VpcId: v.id,
        VpcOwnerId: p.id,
        State: 'available',
        SubnetIds: vpcSubnets.slice(3),
        CreationTime: '2024-01-01T00:00:00.000Z',
        Options: { DnsSupport: 'enable', Ipv6Support: 'disable', ApplianceModeSupport: 'disable' },
        Tags: [],
      });
      propagations.push({
        TransitGatewayAttachmentId: tgwAttId,
        ResourceId: v.id,
        ResourceType: 'vpc',
        State: 'enabled',
      });
      tgwRoutes.push({
        DestinationCidrBlock: v.cidr,
        TransitGatewayAttachments: [
          { ResourceId: v.id, TransitGatewayAttachmentId: tgwAttId, ResourceType: 'vpc' },
        ],
        Type: 'propagated',
        State: 'active',
      });
      // Peering with the next account's first VPC.
      const peer = plans[(ai + 1) % plans.length]!;
      const pcxId = `pcx-${rng.hex(17)}`;
      if (plans.length > 1) {
        peerings.push({
          AccepterVpcInfo: {
            CidrBlock: peer.vpcs[0]!.cidr,
            CidrBlockSet: [{ CidrBlock: peer.vpcs[0]!.cidr }],
            OwnerId: peer.id,
            VpcId: peer.vpcs[0]!.id,
            Region: peer.region,
          },
          RequesterVpcInfo: {
            CidrBlock: v.cidr,
            CidrBlockSet: [{ CidrBlock: v.cidr }],
            OwnerId: p.id,
            VpcId: v.id,
            Region: p.region,
          },
          Status: { Code: 'active', Message: 'Active' },
          Tags: [],
          VpcPeeringConnectionId: pcxId,
        });
      }
      const local = {
        DestinationCidrBlock: v.cidr,
        GatewayId: 'local',
        Origin: 'CreateRouteTable',
        State: 'active',
      };
      const toPeer =
        plans.length > 1
          ? [
              {
                DestinationCidrBlock: peer.vpcs[0]!.cidr,
                VpcPeeringConnectionId: pcxId,
                Origin: 'CreateRoute',
                State: 'active',
              },
            ]
          : [];
      const toTgw = {
        DestinationCidrBlock: '10.0.0.0/8',
        TransitGatewayId: tgwId,
        Origin: 'CreateRoute',
        State: 'active',
      };
      const s3 = {
        DestinationPrefixListId: 'pl-63a5400a',
        GatewayId: `vpce-${rng.hex(17)}`,
        Origin: 'CreateRoute',
        State: 'active',
      };
      const mainId = `rtb-${rng.hex(17)}`;
      routeTables.push({
        Associations: [
          {
            Main: true,
            RouteTableAssociationId: `rtbassoc-${rng.hex(17)}`,
            RouteTableId: mainId,
            AssociationState: { State: 'associated' },
          },
        ],
        PropagatingVgws: [],
        RouteTableId: mainId,
        Routes: [local],
        Tags: tagList('main'),
        VpcId: v.id,
        OwnerId: p.id,
      });
      routeTables.push({
        Associations: vpcSubnets.slice(0, 3).map((s) => ({
          Main: false,
          RouteTableAssociationId: `rtbassoc-${rng.hex(17)}`,
          SubnetId: s,
          AssociationState: { State: 'associated' },
        })),
        PropagatingVgws: [],
        RouteTableId: `rtb-${rng.hex(17)}`,
        Routes: [
          local,
          { DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId, Origin: 'CreateRoute', State: 'active' },
          toTgw,
          ...toPeer,
        ],
        Tags: tagList('public'),
        VpcId: v.id,
        OwnerId: p.id,
      });
      routeTables.push({
        Associations: vpcSubnets.slice(3).map((s) => ({
          Main: false,
          RouteTableAssociationId: `rtbassoc-${rng.hex(17)}`,
          SubnetId: s,
          AssociationState: { State: 'associated' },
        })),
        PropagatingVgws: [],
        RouteTableId: `rtb-${rng.hex(17)}`,
        Routes: [
          local,
          { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: natId, Origin: 'CreateRoute', State: 'active' },
          toTgw,
          s3,
          ...toPeer,
        ],
        Tags: tagList('private'),
        VpcId: v.id,
        OwnerId: p.id,
      });
      const entry = (
        n: number,
        egress: boolean,
        action: string,
        cidr: string,
        proto = '-1',
        ports?: [number, number],
      ) => ({
        CidrBlock: cidr,
        Egress: egress,
        Protocol: proto,
        RuleAction: action,
        RuleNumber: n,
        ...(ports ? { PortRange: { From: ports[0], To: ports[1] } } : {}),
      });
      nacls.push({
        Associations: vpcSubnets.map((s) => ({
          NetworkAclAssociationId: `aclassoc-${rng.hex(8)}`,
          NetworkAclId: `acl-${v.id}`,
          SubnetId: s,
        })),
        Entries: [
          entry(100, false, 'allow', '10.0.0.0/8'),
          entry(110, false, 'allow', '0.0.0.0/0', '6', [443, 443]),
          entry(120, false, 'allow', '0.0.0.0/0', '6', [1024, 65535]),
          entry(130, false, 'deny', '0.0.0.0/0', '6', [22, 22]),
          entry(32767, false, 'deny', '0.0.0.0/0'),
          entry(100, true, 'allow', '0.0.0.0/0'),
          entry(32767, true, 'deny', '0.0.0.0/0'),
        ],
        IsDefault: true,
        NetworkAclId: `acl-${rng.hex(17)}`,
        Tags: [],
        VpcId: v.id,
        OwnerId: p.id,
      });
      // ~12 security groups per VPC with 5–15 permissions each.
      const vpcSgs: string[] = [];
      for (let g = 0; g < 12; g++) {
        const gid = `sg-${rng.hex(17)}`;
        vpcSgs.push(gid);
        sgIds.push(gid);
        const perms: object[] = [];
        const np = rng.int(5, 15);
        for (let k = 0; k < np; k++) {
          const port = rng.pick([22, 80, 443, 3306, 5432, 6379, 8080, 8443, 9200, 3389]);
          const kind = rng.int(0, 3);
          perms.push({
            FromPort: port,
            IpProtocol: 'tcp',
            IpRanges:
              kind === 0
                ? [
                    {
                      CidrIp: rng.chance(0.1) ? '0.0.0.0/0' : `10.${rng.int(0, 255)}.0.0/16`,
                      Description: 'synthetic',
                    },
                  ]
                : kind === 3
                  ? [
                      { CidrIp: `${rng.int(11, 200)}.${rng.int(0, 255)}.${rng.int(0, 255)}.0/24` },
                      { CidrIp: '192.168.0.0/16' },
                    ]
                  : [],
            Ipv6Ranges: kind === 0 && rng.chance(0.2) ? [{ CidrIpv6: '::/0' }] : [],
            PrefixListIds: kind === 2 ? [{ PrefixListId: 'pl-63a5400a' }] : [],
            ToPort: port,
            UserIdGroupPairs:
              kind === 1 && vpcSgs.length > 1
                ? [{ GroupId: vpcSgs[rng.int(0, vpcSgs.length - 2)], UserId: p.id }]
                : [],
          });
        }
        sgs.push({
          Description: `synthetic group ${g}`,
          GroupName: `sg-${v.second}-${g}`,
          IpPermissions: perms,
          OwnerId: p.id,
          GroupId: gid,
          IpPermissionsEgress: [
            {
              IpProtocol: '-1',
              IpRanges: [{ CidrIp: '0.0.0.0/0' }],
              Ipv6Ranges: [],
              PrefixListIds: [],
              UserIdGroupPairs: [],
            },
          ],
          Tags: tagList(`sg-${g}`),
          VpcId: v.id,
        });
      }
    }

    // Instances with one ENI each, spread over the subnets.
    const nInstances = Math.max(1, enisPerAccount - p.vpcs.length);
    const instances: object[] = [];
    for (let k = 0; k < nInstances; k++) {
      const s = subnetPlan[k % subnetPlan.length]!;
      const eniId = `eni-${rng.hex(17)}`;
      const instId = `i-${rng.hex(17)}`;
      const ip = ipIn(s.base, 20 + Math.floor(k / subnetPlan.length));
      const publicIp = s.public
        ? `${rng.int(3, 54)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`
        : undefined;
      const withEip = publicIp !== undefined && rng.chance(0.2);
      const alloc = withEip ? `eipalloc-${rng.hex(17)}` : undefined;
      const vpcSgIds = sgIds.filter((_, i) => Math.floor(i / 12) === p.vpcs.findIndex((v) => v.id === s.vpc));
      const groups = [rng.pick(vpcSgIds), rng.pick(vpcSgIds)].filter((g, i, a) => a.indexOf(g) === i);
      const assoc = publicIp
        ? {
            IpOwnerId: withEip ? p.id : 'amazon',
            PublicDnsName: `ec2-${publicIp.replaceAll('.', '-')}.compute.amazonaws.com`,
            PublicIp: publicIp,
            ...(alloc ? { AllocationId: alloc } : {}),
          }
        : undefined;
      if (withEip) {
        addresses.push({
          InstanceId: instId,
          PublicIp: publicIp,
          AllocationId: alloc,
          AssociationId: `eipassoc-${rng.hex(17)}`,
          Domain: 'vpc',
          NetworkInterfaceId: eniId,
          NetworkInterfaceOwnerId: p.id,
          PrivateIpAddress: ip,
          PublicIpv4Pool: 'amazon',
          NetworkBorderGroup: p.region,
        });
      }
      const attachment = {
        AttachTime: '2024-01-01T00:00:00.000Z',
        AttachmentId: `eni-attach-${rng.hex(17)}`,
        DeleteOnTermination: true,
        DeviceIndex: 0,
        NetworkCardIndex: 0,
        InstanceId: instId,
        InstanceOwnerId: p.id,
        Status: 'attached',
      };
      const groupObjs = groups.map((g) => ({ GroupId: g, GroupName: `name-${g}` }));
      enis.push({
        ...(assoc ? { Association: assoc } : {}),
        Attachment: attachment,
        AvailabilityZone: s.az,
        Description: 'Primary network interface',
        Groups: groupObjs,
        InterfaceType: 'interface',
        Ipv6Addresses: [],
        MacAddress: `02:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}`,
        NetworkInterfaceId: eniId,
        OwnerId: p.id,
        PrivateDnsName: `ip-${ip.replaceAll('.', '-')}.ec2.internal`,
        PrivateIpAddress: ip,
        PrivateIpAddresses: [
          {
            ...(assoc ? { Association: assoc } : {}),
            Primary: true,
            PrivateDnsName: `ip-${ip.replaceAll('.', '-')}.ec2.internal`,
            PrivateIpAddress: ip,
          },
        ],
        RequesterManaged: false,
        SourceDestCheck: true,
        Status: 'in-use',
        SubnetId: s.id,
        TagSet: [],
        VpcId: s.vpc,
      });
      eniCount++;
      instanceCount++;
      instances.push({
        AmiLaunchIndex: 0,
        ImageId: `ami-${rng.hex(17)}`,
        InstanceId: instId,
        InstanceType: rng.pick(['t3.micro', 'm5.large', 'c6g.xlarge', 'r6i.2xlarge']),
        LaunchTime: '2024-01-01T00:00:00.000Z',
        Monitoring: { State: 'disabled' },
        Placement: { AvailabilityZone: s.az, GroupName: '', Tenancy: 'default' },
        PrivateDnsName: `ip-${ip.replaceAll('.', '-')}.ec2.internal`,
        PrivateIpAddress: ip,
        ProductCodes: [],
        PublicDnsName: '',
        ...(publicIp ? { PublicIpAddress: publicIp } : {}),
        State: { Code: 16, Name: 'running' },
        StateTransitionReason: '',
        SubnetId: s.id,
        VpcId: s.vpc,
        Architecture: 'x86_64',
        BlockDeviceMappings: [
          {
            DeviceName: '/dev/xvda',
            Ebs: {
              AttachTime: '2024-01-01T00:00:00.000Z',
              DeleteOnTermination: true,
              Status: 'attached',
              VolumeId: `vol-${rng.hex(17)}`,
            },
          },
        ],
        ClientToken: '',
        EbsOptimized: false,
        EnaSupport: true,
        Hypervisor: 'xen',
        IamInstanceProfile: rng.chance(0.5)
          ? {
              Arn: `arn:aws:iam::${p.id}:instance-profile/app-${k % 5}`,
              Id: `AIPA${rng.hex(16).toUpperCase()}`,
            }
          : undefined,
        NetworkInterfaces: [
          {
            ...(assoc ? { Association: assoc } : {}),
            Attachment: attachment,
            Description: 'Primary network interface',
            Groups: groupObjs,
            Ipv6Addresses: [],
            MacAddress: '02:00:00:00:00:00',
            NetworkInterfaceId: eniId,
            OwnerId: p.id,
            PrivateIpAddress: ip,
            PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: ip }],
            SourceDestCheck: true,
            Status: 'in-use',
            SubnetId: s.id,
            VpcId: s.vpc,
            InterfaceType: 'interface',
          },
        ],
        RootDeviceName: '/dev/xvda',
        RootDeviceType: 'ebs',
        SecurityGroups: groupObjs,
        SourceDestCheck: true,
        Tags: tagList(`app-${k}`, { team: rng.pick(['a', 'b', 'c']) }),
        VirtualizationType: 'hvm',
        CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
        MetadataOptions: {
          State: 'applied',
          HttpTokens: rng.pick(['optional', 'required']),
          HttpPutResponseHopLimit: 1,
          HttpEndpoint: 'enabled',
        },
      });
    }
    // Reservations of up to 10 instances.
    for (let k = 0; k < instances.length; k += 10) {
      reservations.push({
        Groups: [],
        Instances: instances.slice(k, k + 10),
        OwnerId: p.id,
        ReservationId: `r-${rng.hex(17)}`,
      });
    }

    const w = (name: string, data: object) => write(p.id, p.region, name, data);
    await w('Vpcs.json', { Vpcs: vpcs });
    await w('Subnets.json', { Subnets: subnets });
    await w('RouteTables.json', { RouteTables: routeTables });
    await w('InternetGateways.json', { InternetGateways: igws });
    await w('NatGateways.json', { NatGateways: nats });
    await w('NetworkAcls.json', { NetworkAcls: nacls });
    await w('SecurityGroups.json', { SecurityGroups: sgs });
    // ENIs in pages of 100, as `--max-items` pagination would leave them.
    for (let k = 0; k < enis.length; k += 100) {
      await w(`NetworkInterfaces-${String(k / 100).padStart(3, '0')}.json`, {
        NetworkInterfaces: enis.slice(k, k + 100),
      });
    }
    await w('Reservations.json', { Reservations: reservations });
    await w('Addresses.json', { Addresses: addresses });
    await w('VpcPeeringConnections.json', { VpcPeeringConnections: peerings });
  }

  const h = (name: string, data: object) => write(hub.id, hub.region, name, data);
  await h('TransitGateways.json', {
    TransitGateways: [
      {
        TransitGatewayId: tgwId,
        TransitGatewayArn: `arn:aws:ec2:${hub.region}:${hub.id}:transit-gateway/${tgwId}`,
        State: 'available',
        OwnerId: hub.id,
        Options: {
          AmazonSideAsn: 64512,
          AutoAcceptSharedAttachments: 'enable',
          DefaultRouteTableAssociation: 'enable',
          AssociationDefaultRouteTableId: tgwRtbId,
          DefaultRouteTablePropagation: 'enable',
          PropagationDefaultRouteTableId: tgwRtbId,
          VpnEcmpSupport: 'enable',
          DnsSupport: 'enable',
        },
        Tags: tagList('hub'),
      },
    ],
  });
  await h('TransitGatewayAttachments.json', { TransitGatewayAttachments: tgwAttachments });
  await h('TransitGatewayVpcAttachments.json', { TransitGatewayVpcAttachments: tgwVpcAttachments });
  await h('TransitGatewayRouteTables.json', {
    TransitGatewayRouteTables: [
      {
        TransitGatewayRouteTableId: tgwRtbId,
        TransitGatewayId: tgwId,
        State: 'available',
        DefaultAssociationRouteTable: true,
        DefaultPropagationRouteTable: true,
        Tags: [],
      },
    ],
  });
  await h('TransitGatewayStaticRoutes.json', {
    TransitGatewayStaticRoutes: [
      { TransitGatewayRouteTableId: tgwRtbId, Routes: tgwRoutes, AdditionalRoutesAvailable: false },
    ],
  });
  await h('TransitGatewayPropagations.json', {
    TransitGatewayPropagations: [
      { TransitGatewayRouteTableId: tgwRtbId, TransitGatewayRouteTablePropagations: propagations },
    ],
  });
  return {
    accounts: plans.length,
    files,
    bytes,
    vpcs: vpcCount,
    subnets: subnetCount,
    enis: eniCount,
    instances: instanceCount,
  };
}
