// Generates the demo estate's raw AWS JSON (examples/demo/accounts/** and organization/**).
//   node test/examples/generate-demo.mjs [OUT_DIR]      (default: examples/demo)
// Ids are derived deterministically from names, so regenerating is stable. The README and
// perimeter.yaml are hand-written: after changing this file, regenerate, then update
// examples/demo/README.md and test/examples/demo-expected.ts. demo-estate.test.ts checks that the
// committed JSON is exactly what this script writes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../../examples/demo');
const R = 'us-east-1';
const hex = (k, n) => crypto.createHash('sha256').update(k).digest('hex').slice(0, n);
const ids = {};
const id = (prefix, key) => {
  const v = `${prefix}-0${hex(`${prefix}:${key}`, 16)}`;
  ids[`${prefix}:${key}`] = v;
  return v;
};
const short = (prefix, key) => `${prefix}-${hex(`${prefix}:${key}`, 8)}`;
const mac = (key) => '0e:' + hex(`mac:${key}`, 10).match(/../g).join(':');
const clone = (x) => JSON.parse(JSON.stringify(x));
const tags = (name, extra = {}) => [{ Key: 'Name', Value: name }, ...Object.entries(extra).map(([Key, Value]) => ({ Key, Value }))];

const MGMT = '111111111111';
const HUB = '222222222222';
const PROD = '333333333333';
const SBX = '444444444444';
const ANA = '555555555555';
const VENDOR = '999999999999';
const ORG = 'o-a1b2c3d4e5';
const ROOT = 'r-a1b2';
const OU_INFRA = 'ou-a1b2-k8f3h2l9';
const OU_PROD = 'ou-a1b2-p4r0d7x2';
const OU_SBX = 'ou-a1b2-s4nd8b0x';

const azIds = {
  [HUB]: { a: 'use1-az4', b: 'use1-az6' },
  [PROD]: { a: 'use1-az1', b: 'use1-az2' },
  [SBX]: { a: 'use1-az2', b: 'use1-az4' },
  [ANA]: { a: 'use1-az6', b: 'use1-az1' },
};

const accounts = {};
const KEYS = [
  'Vpcs', 'Subnets', 'RouteTables', 'InternetGateways', 'EgressOnlyInternetGateways', 'NatGateways',
  'NetworkAcls', 'SecurityGroups', 'NetworkInterfaces', 'Reservations', 'Addresses', 'VpcPeeringConnections',
  'VpcEndpoints', 'TransitGateways', 'TransitGatewayAttachments', 'TransitGatewayVpcAttachments',
  'TransitGatewayRouteTables', 'TransitGatewayStaticRoutes', 'TransitGatewayPropagations', 'LoadBalancers',
  'Listeners', 'TargetGroups', 'LoadBalancerTargetHealth', 'DBInstances', 'HostedZones',
];
function acct(a) {
  if (!accounts[a]) {
    accounts[a] = { extra: [] };
    for (const k of KEYS) accounts[a][k] = [];
  }
  return accounts[a];
}
for (const a of [MGMT, HUB, PROD, SBX, ANA]) acct(a);

// ---------------------------------------------------------------- VPC building blocks
const vpcs = {};
function vpc(a, key, name, cidr, ipv6) {
  const v = {
    CidrBlock: cidr,
    DhcpOptionsId: id('dopt', key),
    State: 'available',
    VpcId: id('vpc', key),
    OwnerId: a,
    InstanceTenancy: 'default',
    ...(ipv6
      ? {
          Ipv6CidrBlockAssociationSet: [
            {
              AssociationId: id('vpc-cidr-assoc', key + '6'),
              Ipv6CidrBlock: ipv6,
              Ipv6CidrBlockState: { State: 'associated' },
              NetworkBorderGroup: R,
              Ipv6Pool: 'Amazon',
            },
          ],
        }
      : {}),
    CidrBlockAssociationSet: [
      { AssociationId: id('vpc-cidr-assoc', key), CidrBlock: cidr, CidrBlockState: { State: 'associated' } },
    ],
    IsDefault: false,
    Tags: tags(name),
  };
  acct(a).Vpcs.push(v);
  vpcs[key] = { a, id: v.VpcId, cidr, ipv6, name };
  return v.VpcId;
}

const subnets = {};
function subnet(a, vkey, key, name, cidr, az, opts = {}) {
  const sid = id('subnet', key);
  const s = {
    AvailabilityZone: `${R}${az}`,
    AvailabilityZoneId: azIds[a][az],
    AvailableIpAddressCount: (1 << (32 - Number(cidr.split('/')[1]))) - 5 - (opts.used ?? 0),
    CidrBlock: cidr,
    DefaultForAz: false,
    MapPublicIpOnLaunch: opts.mapPublic ?? false,
    MapCustomerOwnedIpOnLaunch: false,
    State: 'available',
    SubnetId: sid,
    VpcId: vpcs[vkey].id,
    OwnerId: a,
    AssignIpv6AddressOnCreation: !!opts.ipv6,
    Ipv6CidrBlockAssociationSet: opts.ipv6
      ? [{ AssociationId: id('subnet-cidr-assoc', key), Ipv6CidrBlock: opts.ipv6, Ipv6CidrBlockState: { State: 'associated' } }]
      : [],
    Tags: tags(name),
    SubnetArn: `arn:aws:ec2:${R}:${a}:subnet/${sid}`,
    EnableDns64: false,
    Ipv6Native: false,
    PrivateDnsNameOptionsOnLaunch: {
      HostnameType: 'ip-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    },
  };
  acct(a).Subnets.push(s);
  subnets[key] = { a, id: sid, vkey, cidr, az, ipv6: opts.ipv6 };
  return sid;
}

function route(r) {
  const base = r.v6 ? { DestinationIpv6CidrBlock: r.dest } : { DestinationCidrBlock: r.dest };
  if (r.local) return { ...base, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' };
  const t = {};
  if (r.igw) t.GatewayId = r.igw;
  if (r.eigw) t.EgressOnlyInternetGatewayId = r.eigw;
  if (r.nat) t.NatGatewayId = r.nat;
  if (r.tgw) t.TransitGatewayId = r.tgw;
  if (r.pcx) t.VpcPeeringConnectionId = r.pcx;
  return { ...base, ...t, Origin: 'CreateRoute', State: 'active' };
}
function routeTable(a, vkey, key, name, { main = false, subnetKeys = [], routes = [] }) {
  const rid = id('rtb', key);
  const v = vpcs[vkey];
  const locals = [{ dest: v.cidr, local: true }];
  if (v.ipv6) locals.push({ dest: v.ipv6, v6: true, local: true });
  const assoc = [];
  if (main)
    assoc.push({ Main: true, RouteTableAssociationId: id('rtbassoc', key + ':main'), RouteTableId: rid, AssociationState: { State: 'associated' } });
  for (const sk of subnetKeys)
    assoc.push({
      Main: false,
      RouteTableAssociationId: id('rtbassoc', key + ':' + sk),
      RouteTableId: rid,
      SubnetId: subnets[sk].id,
      AssociationState: { State: 'associated' },
    });
  acct(a).RouteTables.push({
    Associations: assoc,
    PropagatingVgws: [],
    RouteTableId: rid,
    Routes: [...locals, ...routes].map(route),
    Tags: tags(name),
    VpcId: v.id,
    OwnerId: a,
  });
  return rid;
}

function defaultNaclEntries(ipv6) {
  const e = [];
  for (const egress of [true, false]) {
    e.push({ CidrBlock: '0.0.0.0/0', Egress: egress, Protocol: '-1', RuleAction: 'allow', RuleNumber: 100 });
    if (ipv6) e.push({ Egress: egress, Ipv6CidrBlock: '::/0', Protocol: '-1', RuleAction: 'allow', RuleNumber: 101 });
    e.push({ CidrBlock: '0.0.0.0/0', Egress: egress, Protocol: '-1', RuleAction: 'deny', RuleNumber: 32767 });
    if (ipv6) e.push({ Egress: egress, Ipv6CidrBlock: '::/0', Protocol: '-1', RuleAction: 'deny', RuleNumber: 32768 });
  }
  return e;
}
function nacl(a, vkey, key, { isDefault, subnetKeys, entries, name }) {
  const nid = id('acl', key);
  acct(a).NetworkAcls.push({
    Associations: subnetKeys.map((sk) => ({
      NetworkAclAssociationId: id('aclassoc', key + ':' + sk),
      NetworkAclId: nid,
      SubnetId: subnets[sk].id,
    })),
    Entries: entries ?? defaultNaclEntries(!!vpcs[vkey].ipv6),
    IsDefault: isDefault,
    NetworkAclId: nid,
    Tags: name ? tags(name) : [],
    VpcId: vpcs[vkey].id,
    OwnerId: a,
  });
  return nid;
}

const sgs = {};
function perm(p) {
  // p: {proto, from, to, cidrs, cidrs6, groups:[{id, owner}], desc}
  const out = { IpProtocol: p.proto };
  if (p.proto !== '-1') {
    out.FromPort = p.from;
    out.ToPort = p.to ?? p.from;
  }
  out.IpRanges = (p.cidrs ?? []).map((c) => (p.desc ? { CidrIp: c, Description: p.desc } : { CidrIp: c }));
  out.Ipv6Ranges = (p.cidrs6 ?? []).map((c) => (p.desc ? { CidrIpv6: c, Description: p.desc } : { CidrIpv6: c }));
  out.PrefixListIds = [];
  out.UserIdGroupPairs = (p.groups ?? []).map((g) => ({ ...(p.desc ? { Description: p.desc } : {}), GroupId: g.id, UserId: g.owner }));
  return out;
}
function sg(a, vkey, key, name, desc, ingress, egress) {
  const gid = id('sg', key);
  sgs[key] = { a, id: gid, name, vkey };
  const v6 = !!vpcs[vkey].ipv6;
  const defaultEgress = [{ proto: '-1', cidrs: ['0.0.0.0/0'], cidrs6: v6 ? ['::/0'] : [] }];
  const resolve = (list) => list.map((p) => perm({ ...p, groups: (p.groups ?? []).map((g) => (g === 'self' ? { id: gid, owner: a } : g)) }));
  acct(a).SecurityGroups.push({
    Description: desc,
    GroupName: name,
    IpPermissions: resolve(ingress),
    OwnerId: a,
    GroupId: gid,
    IpPermissionsEgress: resolve(egress ?? defaultEgress),
    ...(name === 'default' ? {} : { Tags: tags(name) }),
    VpcId: vpcs[vkey].id,
  });
  return gid;
}
function defaultSg(a, vkey) {
  return sg(a, vkey, vkey + '-default', 'default', 'default VPC security group', [{ proto: '-1', groups: ['self'] }]);
}

const privDns = (ip) => `ip-${ip.replaceAll('.', '-')}.ec2.internal`;
const pubDns = (ip) => `ec2-${ip.replaceAll('.', '-')}.compute-1.amazonaws.com`;

function eni(a, sk, key, o) {
  // o: {ip, publicIp, publicOwner, allocationId, associationId, groups:[sgKey], type, requesterId, requesterManaged, description, attachment, ipv6:[], sourceDestCheck}
  const s = subnets[sk];
  const eid = o.id ?? id('eni', key);
  const assoc = o.publicIp
    ? {
        ...(o.allocationId ? { AllocationId: o.allocationId, AssociationId: o.associationId } : {}),
        IpOwnerId: o.publicOwner ?? 'amazon',
        PublicDnsName: pubDns(o.publicIp),
        PublicIp: o.publicIp,
      }
    : undefined;
  const e = {
    ...(assoc ? { Association: assoc } : {}),
    Attachment: o.attachment,
    AvailabilityZone: `${R}${s.az}`,
    Description: o.description ?? '',
    Groups: (o.groups ?? []).map((g) => ({ GroupId: sgs[g].id, GroupName: sgs[g].name })),
    InterfaceType: o.type ?? 'interface',
    Ipv6Addresses: (o.ipv6 ?? []).map((x) => ({ Ipv6Address: x, IsPrimaryIpv6: false })),
    MacAddress: mac(key),
    NetworkInterfaceId: eid,
    OwnerId: a,
    PrivateDnsName: privDns(o.ip),
    PrivateIpAddress: o.ip,
    PrivateIpAddresses: [
      { ...(assoc ? { Association: assoc } : {}), Primary: true, PrivateDnsName: privDns(o.ip), PrivateIpAddress: o.ip },
    ],
    ...(o.requesterId ? { RequesterId: o.requesterId } : {}),
    RequesterManaged: o.requesterManaged ?? false,
    SourceDestCheck: o.sourceDestCheck ?? true,
    Status: 'in-use',
    SubnetId: s.id,
    TagSet: o.tagSet ?? [],
    VpcId: vpcs[s.vkey].id,
  };
  if (!e.Attachment) delete e.Attachment;
  acct(a).NetworkInterfaces.push(e);
  return { id: eid, raw: e };
}
const managedAttachment = (key, owner = 'amazon-aws') => ({
  AttachmentId: short('ela-attach', key),
  DeleteOnTermination: false,
  DeviceIndex: 1,
  InstanceOwnerId: owner,
  Status: 'attached',
});

const instances = {};
function instance(a, sk, key, name, o) {
  const s = subnets[sk];
  const iid = o.id ?? id('i', key);
  const launch = o.launch ?? '2026-10-14T09:12:44+00:00';
  const n = eni(a, sk, key, {
    ip: o.ip,
    publicIp: o.publicIp,
    publicOwner: 'amazon',
    groups: o.groups,
    ipv6: o.ipv6,
    description: '',
    attachment: {
      AttachTime: launch,
      AttachmentId: id('eni-attach', key),
      DeleteOnTermination: true,
      DeviceIndex: 0,
      InstanceId: iid,
      InstanceOwnerId: a,
      Status: 'attached',
      NetworkCardIndex: 0,
    },
  });
  const niInInstance = {
    ...(n.raw.Association ? { Association: { IpOwnerId: 'amazon', PublicDnsName: n.raw.Association.PublicDnsName, PublicIp: n.raw.Association.PublicIp } } : {}),
    Attachment: { AttachTime: launch, AttachmentId: n.raw.Attachment.AttachmentId, DeleteOnTermination: true, DeviceIndex: 0, Status: 'attached', NetworkCardIndex: 0 },
    Description: '',
    Groups: n.raw.Groups,
    Ipv6Addresses: n.raw.Ipv6Addresses,
    MacAddress: n.raw.MacAddress,
    NetworkInterfaceId: n.id,
    OwnerId: a,
    PrivateDnsName: n.raw.PrivateDnsName,
    PrivateIpAddress: o.ip,
    PrivateIpAddresses: n.raw.PrivateIpAddresses,
    SourceDestCheck: true,
    Status: 'in-use',
    SubnetId: s.id,
    VpcId: vpcs[s.vkey].id,
    InterfaceType: 'interface',
  };
  const inst = {
    AmiLaunchIndex: 0,
    ImageId: o.ami ?? 'ami-0e2c8caa4b6378d8c',
    InstanceId: iid,
    InstanceType: o.type ?? 't3.small',
    LaunchTime: launch,
    Monitoring: { State: 'disabled' },
    Placement: { AvailabilityZone: `${R}${s.az}`, GroupName: '', Tenancy: 'default' },
    PrivateDnsName: privDns(o.ip),
    PrivateIpAddress: o.ip,
    ProductCodes: [],
    PublicDnsName: o.publicIp ? pubDns(o.publicIp) : '',
    ...(o.publicIp ? { PublicIpAddress: o.publicIp } : {}),
    State: { Code: 16, Name: 'running' },
    StateTransitionReason: '',
    SubnetId: s.id,
    VpcId: vpcs[s.vkey].id,
    Architecture: 'x86_64',
    BlockDeviceMappings: [
      {
        DeviceName: '/dev/xvda',
        Ebs: { AttachTime: launch, DeleteOnTermination: true, Status: 'attached', VolumeId: id('vol', key) },
      },
    ],
    ClientToken: hex(`ct:${key}`, 32),
    EbsOptimized: false,
    EnaSupport: true,
    Hypervisor: 'xen',
    ...(o.profile
      ? { IamInstanceProfile: { Arn: `arn:aws:iam::${a}:instance-profile/${o.profile}`, Id: 'AIPA' + hex(`aipa:${a}:${o.profile}`, 17).toUpperCase() } }
      : {}),
    NetworkInterfaces: [niInInstance],
    RootDeviceName: '/dev/xvda',
    RootDeviceType: 'ebs',
    SecurityGroups: (o.groups ?? []).map((g) => ({ GroupName: sgs[g].name, GroupId: sgs[g].id })),
    SourceDestCheck: true,
    Tags: tags(name),
    VirtualizationType: 'hvm',
    CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
    MetadataOptions: {
      State: 'applied',
      HttpTokens: o.imdsV1 ? 'optional' : 'required',
      HttpPutResponseHopLimit: 2,
      HttpEndpoint: 'enabled',
      HttpProtocolIpv6: 'disabled',
      InstanceMetadataTags: 'disabled',
    },
    PlatformDetails: 'Linux/UNIX',
  };
  acct(a).Reservations.push({ Groups: [], Instances: [inst], OwnerId: a, ReservationId: id('r', key) });
  instances[key] = { a, id: iid, eni: n.id, ip: o.ip, publicIp: o.publicIp, profile: o.profile, sk };
  return iid;
}

// ================================================================= NETWORK HUB 222222222222
vpc(HUB, 'hub', 'network-hub', '10.0.0.0/16');
subnet(HUB, 'hub', 'hub-public-a', 'hub-public-a', '10.0.0.0/24', 'a', { used: 1 });
subnet(HUB, 'hub', 'hub-public-b', 'hub-public-b', '10.0.1.0/24', 'b');
subnet(HUB, 'hub', 'hub-tgw-a', 'hub-tgw-attach-a', '10.0.10.0/28', 'a', { used: 1 });
subnet(HUB, 'hub', 'hub-tgw-b', 'hub-tgw-attach-b', '10.0.10.16/28', 'b', { used: 1 });
subnet(HUB, 'hub', 'hub-endpoints-a', 'hub-endpoints-a', '10.0.20.0/24', 'a', { used: 2 });
subnet(HUB, 'hub', 'hub-endpoints-b', 'hub-endpoints-b', '10.0.21.0/24', 'b', { used: 2 });

const igwHub = id('igw', 'hub');
acct(HUB).InternetGateways.push({ Attachments: [{ State: 'available', VpcId: vpcs.hub.id }], InternetGatewayId: igwHub, OwnerId: HUB, Tags: tags('hub-igw') });

const natEip = '44.206.118.54';
const natAlloc = id('eipalloc', 'hub-nat');
const natAssoc = id('eipassoc', 'hub-nat');
const natId = id('nat', 'hub');
const natEni = eni(HUB, 'hub-public-a', 'hub-nat', {
  ip: '10.0.0.84',
  publicIp: natEip,
  publicOwner: HUB,
  allocationId: natAlloc,
  associationId: natAssoc,
  type: 'nat_gateway',
  requesterId: '062328495474',
  requesterManaged: true,
  sourceDestCheck: false,
  description: `Interface for NAT Gateway ${natId}`,
  attachment: managedAttachment('hub-nat'),
});
acct(HUB).NatGateways.push({
  CreateTime: '2026-03-02T10:41:07+00:00',
  NatGatewayAddresses: [
    { AllocationId: natAlloc, NetworkInterfaceId: natEni.id, PrivateIp: '10.0.0.84', PublicIp: natEip, AssociationId: natAssoc, IsPrimary: true, Status: 'succeeded' },
  ],
  NatGatewayId: natId,
  State: 'available',
  SubnetId: subnets['hub-public-a'].id,
  VpcId: vpcs.hub.id,
  Tags: tags('hub-central-egress-nat'),
  ConnectivityType: 'public',
});
acct(HUB).Addresses.push({
  PublicIp: natEip,
  AllocationId: natAlloc,
  AssociationId: natAssoc,
  Domain: 'vpc',
  NetworkInterfaceId: natEni.id,
  NetworkInterfaceOwnerId: HUB,
  PrivateIpAddress: '10.0.0.84',
  Tags: tags('hub-central-egress-nat-eip'),
  PublicIpv4Pool: 'amazon',
  NetworkBorderGroup: R,
});

// prod VPCs are defined early so that routes can name them
vpc(PROD, 'prod-app', 'prod-app', '10.1.0.0/16', '2600:1f18:6c2:e100::/56');
vpc(PROD, 'prod-data', 'prod-data', '10.2.0.0/16');
vpc(SBX, 'sandbox', 'sandbox', '10.3.0.0/16');
vpc(ANA, 'analytics', 'analytics', '10.5.0.0/16');
vpc(HUB, 'shared', 'shared-services', '10.4.0.0/16');
const VENDOR_VPC = 'vpc-07e1c2d3a4b5f6071';
const VENDOR_CIDR = '172.20.0.0/16';

const tgwId = id('tgw', 'hub');
const pcxHubData = id('pcx', 'prod-data-hub');
const pcxSbxVendor = id('pcx', 'sandbox-vendor');
const pcxDataVendor = id('pcx', 'prod-data-vendor');

routeTable(HUB, 'hub', 'hub-public', 'hub-public', {
  subnetKeys: ['hub-public-a', 'hub-public-b'],
  routes: [
    { dest: '0.0.0.0/0', igw: igwHub },
    { dest: '10.1.0.0/16', tgw: tgwId },
    { dest: '10.2.0.0/16', pcx: pcxHubData },
    { dest: '10.4.0.0/16', tgw: tgwId },
  ],
});
routeTable(HUB, 'hub', 'hub-tgw', 'hub-tgw-attach', {
  subnetKeys: ['hub-tgw-a', 'hub-tgw-b'],
  routes: [
    { dest: '0.0.0.0/0', nat: natId },
    { dest: '10.2.0.0/16', pcx: pcxHubData },
  ],
});
routeTable(HUB, 'hub', 'hub-main', 'hub-main', {
  main: true,
  routes: [
    { dest: '10.1.0.0/16', tgw: tgwId },
    { dest: '10.2.0.0/16', pcx: pcxHubData },
    { dest: '10.4.0.0/16', tgw: tgwId },
  ],
});
nacl(HUB, 'hub', 'hub-default', {
  isDefault: true,
  subnetKeys: ['hub-public-a', 'hub-public-b', 'hub-tgw-a', 'hub-tgw-b', 'hub-endpoints-a', 'hub-endpoints-b'],
});
defaultSg(HUB, 'hub');
sg(HUB, 'hub', 'hub-endpoints', 'hub-endpoints-sg', 'HTTPS from the organization VPCs to the centralized interface endpoints', [
  { proto: 'tcp', from: 443, cidrs: ['10.0.0.0/8'], desc: 'org VPCs' },
]);

// Interface endpoints (centralized; private DNS off, PHZs below instead)
const ORGP = ORG;
const sqsPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'OnlyFromProdAppVpc',
      Effect: 'Allow',
      Principal: '*',
      Action: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'],
      Resource: `arn:aws:sqs:${R}:${PROD}:*`,
      Condition: { StringEquals: { 'aws:SourceVpc': vpcs['prod-app'].id, 'aws:PrincipalOrgID': ORGP } },
    },
  ],
};
const stsPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ProdAppInstanceRoles',
      Effect: 'Allow',
      Principal: '*',
      Action: ['sts:AssumeRole', 'sts:GetCallerIdentity', 'sts:TagSession'],
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': ORGP, 'aws:EC2InstanceSourceVPC': vpcs['prod-app'].id },
        IpAddress: { 'aws:EC2InstanceSourcePrivateIPv4': ['10.1.1.0/24', '10.1.2.0/24', '10.1.3.0/24'] },
      },
    },
    {
      Sid: 'ProdAppNonInstanceRolesByTag',
      Effect: 'Allow',
      Principal: '*',
      Action: ['sts:AssumeRole', 'sts:GetCallerIdentity', 'sts:TagSession'],
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': ORGP, 'aws:PrincipalTag/network-zone': 'prod-app' },
        Null: { 'aws:EC2InstanceSourceVPC': 'true' },
      },
    },
  ],
};
function endpoint(key, service, ips, policy, created) {
  const vid = id('vpce', key);
  const eniIds = [];
  ['a', 'b'].forEach((az, i) => {
    const e = eni(HUB, `hub-endpoints-${az}`, `vpce-${key}-${az}`, {
      ip: ips[i],
      groups: ['hub-endpoints'],
      type: 'vpc_endpoint',
      requesterId: '727180483921',
      requesterManaged: true,
      description: `VPC Endpoint Interface ${vid}`,
      attachment: managedAttachment(`vpce-${key}-${az}`),
    });
    eniIds.push(e.id);
  });
  const dnsBase = `${vid}-${hex('dns:' + key, 8)}.${service}.${R}.vpce.amazonaws.com`;
  acct(HUB).VpcEndpoints.push({
    VpcEndpointId: vid,
    VpcEndpointType: 'Interface',
    VpcId: vpcs.hub.id,
    ServiceName: `com.amazonaws.${R}.${service}`,
    State: 'available',
    PolicyDocument: JSON.stringify(policy, null, 4),
    RouteTableIds: [],
    SubnetIds: [subnets['hub-endpoints-a'].id, subnets['hub-endpoints-b'].id],
    Groups: [{ GroupId: sgs['hub-endpoints'].id, GroupName: 'hub-endpoints-sg' }],
    IpAddressType: 'ipv4',
    DnsOptions: { DnsRecordIpType: 'ipv4' },
    PrivateDnsEnabled: false,
    RequesterManaged: false,
    NetworkInterfaceIds: eniIds,
    DnsEntries: [
      { DnsName: dnsBase, HostedZoneId: 'Z7HUB4DUJMCH5' },
      { DnsName: dnsBase.replace('.', `-${R}a.`), HostedZoneId: 'Z7HUB4DUJMCH5' },
      { DnsName: dnsBase.replace('.', `-${R}b.`), HostedZoneId: 'Z7HUB4DUJMCH5' },
    ],
    CreationTimestamp: created,
    Tags: tags(`hub-${service}-endpoint`),
    OwnerId: HUB,
  });
  return vid;
}
const vpceSqs = endpoint('sqs', 'sqs', ['10.0.20.21', '10.0.21.37'], sqsPolicy, '2026-04-09T14:22:31.000Z');
const vpceSts = endpoint('sts', 'sts', ['10.0.20.45', '10.0.21.62'], stsPolicy, '2026-04-09T14:25:02.000Z');

// Transit gateway (hub-owned, shared with the organization through RAM)
const tgwRtbSpokes = id('tgw-rtb', 'spokes');
const tgwRtbHub = id('tgw-rtb', 'hub');
const attHub = id('tgw-attach', 'hub');
const attProdApp = id('tgw-attach', 'prod-app');
const tgw = {
  TransitGatewayId: tgwId,
  TransitGatewayArn: `arn:aws:ec2:${R}:${HUB}:transit-gateway/${tgwId}`,
  State: 'available',
  OwnerId: HUB,
  Description: 'organization transit gateway (centralized egress)',
  CreationTime: '2026-03-02T10:12:55+00:00',
  Options: {
    AmazonSideAsn: 64512,
    AutoAcceptSharedAttachments: 'disable',
    DefaultRouteTableAssociation: 'disable',
    DefaultRouteTablePropagation: 'disable',
    VpnEcmpSupport: 'enable',
    DnsSupport: 'enable',
    SecurityGroupReferencingSupport: 'disable',
    MulticastSupport: 'disable',
  },
  Tags: tags('org-tgw'),
};
acct(HUB).TransitGateways.push(tgw);
acct(PROD).TransitGateways.push(clone(tgw)); // visible to the prod account through the RAM share

function tgwEnis(a, prefix, key, attId, ips) {
  return ['a', 'b'].map((az, i) =>
    eni(a, `${prefix}-tgw-${az}`, `tgw-${key}-${az}`, {
      ip: ips[i],
      type: 'transit_gateway',
      requesterId: '936118442230',
      requesterManaged: false,
      sourceDestCheck: false,
      description: `Network Interface for Transit Gateway Attachment ${attId}`,
      attachment: managedAttachment(`tgw-${key}-${az}`),
    }),
  );
}
tgwEnis(HUB, 'hub', 'hub', attHub, ['10.0.10.5', '10.0.10.22']);

const attachment = (attId, vkey, owner, rtb, name, created) => ({
  Association: { State: 'associated', TransitGatewayRouteTableId: rtb },
  CreationTime: created,
  ResourceId: vpcs[vkey].id,
  ResourceOwnerId: owner,
  ResourceType: 'vpc',
  State: 'available',
  Tags: tags(name),
  TransitGatewayAttachmentId: attId,
  TransitGatewayId: tgwId,
  TransitGatewayOwnerId: HUB,
});
const vpcAttachment = (attId, vkey, owner, subnetKeys, name, created, ipv6) => ({
  CreationTime: created,
  Options: { DnsSupport: 'enable', Ipv6Support: ipv6 ? 'enable' : 'disable', ApplianceModeSupport: 'disable', SecurityGroupReferencingSupport: 'disable' },
  State: 'available',
  SubnetIds: subnetKeys.map((k) => subnets[k].id),
  Tags: tags(name),
  TransitGatewayAttachmentId: attId,
  TransitGatewayId: tgwId,
  VpcId: vpcs[vkey].id,
  VpcOwnerId: owner,
});

// shared-services (hub account): a spoke on the TGW whose VPC is NOT associated with the endpoint
// zones, so its SQS/STS calls resolve to the public names and leave through the hub NAT (seed 004)
const attShared = id('tgw-attach', 'shared');
subnet(HUB, 'shared', 'shared-private-a', 'shared-private-a', '10.4.1.0/24', 'a', { used: 1 });
subnet(HUB, 'shared', 'shared-tgw-a', 'shared-tgw-attach-a', '10.4.255.0/28', 'a', { used: 1 });
subnet(HUB, 'shared', 'shared-tgw-b', 'shared-tgw-attach-b', '10.4.255.16/28', 'b', { used: 1 });
routeTable(HUB, 'shared', 'shared-private', 'shared-private', {
  subnetKeys: ['shared-private-a', 'shared-tgw-a', 'shared-tgw-b'],
  routes: [{ dest: '0.0.0.0/0', tgw: tgwId }],
});
routeTable(HUB, 'shared', 'shared-main', 'shared-main', { main: true });
nacl(HUB, 'shared', 'shared-default', { isDefault: true, subnetKeys: ['shared-private-a', 'shared-tgw-a', 'shared-tgw-b'] });
defaultSg(HUB, 'shared');
sg(HUB, 'shared', 'shared-ci', 'shared-ci-sg', 'CI runners (no inbound)', []);
instance(HUB, 'shared-private-a', 'ci-runner-1', 'ci-runner-1', { ip: '10.4.1.15', groups: ['shared-ci'], type: 'c6i.large' });
tgwEnis(HUB, 'shared', 'shared', attShared, ['10.4.255.7', '10.4.255.25']);

// ================================================================= PROD 333333333333
subnet(PROD, 'prod-app', 'prod-app-private-a', 'prod-app-private-a', '10.1.1.0/24', 'a', { used: 1 });
subnet(PROD, 'prod-app', 'prod-app-private-b', 'prod-app-private-b', '10.1.2.0/24', 'b', { used: 1 });
subnet(PROD, 'prod-app', 'prod-app-dualstack-a', 'prod-app-dualstack-a', '10.1.3.0/24', 'a', { used: 1, ipv6: '2600:1f18:6c2:e101::/64' });
subnet(PROD, 'prod-app', 'prod-app-tgw-a', 'prod-app-tgw-attach-a', '10.1.255.0/28', 'a', { used: 1 });
subnet(PROD, 'prod-app', 'prod-app-tgw-b', 'prod-app-tgw-attach-b', '10.1.255.16/28', 'b', { used: 1 });
subnet(PROD, 'prod-data', 'prod-data-private-a', 'prod-data-private-a', '10.2.1.0/24', 'a', { used: 1 });
subnet(PROD, 'prod-data', 'prod-data-private-b', 'prod-data-private-b', '10.2.2.0/24', 'b');

const eigw = id('eigw', 'prod-app');
acct(PROD).EgressOnlyInternetGateways.push({
  Attachments: [{ State: 'attached', VpcId: vpcs['prod-app'].id }],
  EgressOnlyInternetGatewayId: eigw,
  Tags: tags('prod-app-eigw'),
});

routeTable(PROD, 'prod-app', 'prod-app-private', 'prod-app-private', {
  subnetKeys: ['prod-app-private-a', 'prod-app-private-b', 'prod-app-tgw-a', 'prod-app-tgw-b'],
  routes: [{ dest: '0.0.0.0/0', tgw: tgwId }],
});
routeTable(PROD, 'prod-app', 'prod-app-dualstack', 'prod-app-dualstack', {
  subnetKeys: ['prod-app-dualstack-a'],
  routes: [
    { dest: '0.0.0.0/0', tgw: tgwId },
    { dest: '::/0', v6: true, eigw },
  ],
});
routeTable(PROD, 'prod-app', 'prod-app-main', 'prod-app-main', { main: true });
routeTable(PROD, 'prod-data', 'prod-data-private', 'prod-data-private', {
  subnetKeys: ['prod-data-private-a', 'prod-data-private-b'],
  routes: [{ dest: '0.0.0.0/0', pcx: pcxHubData }],
});
routeTable(PROD, 'prod-data', 'prod-data-main', 'prod-data-main', { main: true });
nacl(PROD, 'prod-app', 'prod-app-default', {
  isDefault: true,
  subnetKeys: ['prod-app-private-a', 'prod-app-private-b', 'prod-app-dualstack-a', 'prod-app-tgw-a', 'prod-app-tgw-b'],
});
nacl(PROD, 'prod-data', 'prod-data-default', { isDefault: true, subnetKeys: ['prod-data-private-a', 'prod-data-private-b'] });

defaultSg(PROD, 'prod-app');
defaultSg(PROD, 'prod-data');
sg(PROD, 'prod-app', 'prod-app', 'prod-app-sg', 'prod app tier', [{ proto: 'tcp', from: 8080, cidrs: ['10.1.0.0/16'], desc: 'app from prod-app' }]);
sg(PROD, 'prod-app', 'prod-batch', 'prod-batch-sg', 'prod batch workers (no inbound)', []);
sg(PROD, 'prod-app', 'prod-api', 'prod-api-sg', 'prod public API over IPv6', [
  { proto: 'tcp', from: 443, cidrs6: ['::/0'], desc: 'API clients over IPv6' },
  { proto: 'tcp', from: 443, cidrs: ['10.0.0.0/8'], desc: 'org VPCs' },
]);
sg(PROD, 'prod-data', 'prod-data-db', 'prod-data-db-sg', 'postgres for the prod VPCs', [
  { proto: 'tcp', from: 5432, cidrs: ['10.1.0.0/16', '10.2.0.0/16'], desc: 'prod VPCs' },
]);

instance(PROD, 'prod-app-private-a', 'prod-app-1', 'prod-app-1', { ip: '10.1.1.25', groups: ['prod-app'], profile: 'prod-app-bound', type: 'm6i.large' });
instance(PROD, 'prod-app-private-b', 'prod-batch-1', 'prod-batch-1', { ip: '10.1.2.40', groups: ['prod-batch'], profile: 'prod-batch-unbound', type: 'c6i.xlarge' });
instance(PROD, 'prod-app-dualstack-a', 'prod-api-1', 'prod-api-1', {
  ip: '10.1.3.30',
  ipv6: ['2600:1f18:6c2:e101:4b1e:93c2:7d0a:51f6'],
  groups: ['prod-api'],
  profile: 'prod-app-bound',
  type: 'm6i.large',
});
instance(PROD, 'prod-data-private-a', 'prod-data-pg-1', 'prod-data-pg-1', { ip: '10.2.1.50', groups: ['prod-data-db'], type: 'r6i.large' });

tgwEnis(PROD, 'prod-app', 'prod-app', attProdApp, ['10.1.255.6', '10.1.255.20']);

const attHubRec = attachment(attHub, 'hub', HUB, tgwRtbHub, 'hub-attachment', '2026-03-02T10:20:11+00:00');
const attProdRec = attachment(attProdApp, 'prod-app', PROD, tgwRtbSpokes, 'prod-app-attachment', '2026-03-05T16:02:48+00:00');
const attSharedRec = attachment(attShared, 'shared', HUB, tgwRtbSpokes, 'shared-services-attachment', '2026-03-03T09:31:05+00:00');
acct(HUB).TransitGatewayAttachments.push(attHubRec, attProdRec, attSharedRec);
acct(PROD).TransitGatewayAttachments.push(clone(attProdRec));
const vaHub = vpcAttachment(attHub, 'hub', HUB, ['hub-tgw-a', 'hub-tgw-b'], 'hub-attachment', '2026-03-02T10:20:11+00:00', false);
const vaProd = vpcAttachment(attProdApp, 'prod-app', PROD, ['prod-app-tgw-a', 'prod-app-tgw-b'], 'prod-app-attachment', '2026-03-05T16:02:48+00:00', false);
const vaShared = vpcAttachment(attShared, 'shared', HUB, ['shared-tgw-a', 'shared-tgw-b'], 'shared-services-attachment', '2026-03-03T09:31:05+00:00', false);
acct(HUB).TransitGatewayVpcAttachments.push(vaHub, vaProd, vaShared);
acct(PROD).TransitGatewayVpcAttachments.push(clone(vaProd));
acct(HUB).TransitGatewayRouteTables.push(
  { TransitGatewayRouteTableId: tgwRtbHub, TransitGatewayId: tgwId, State: 'available', DefaultAssociationRouteTable: false, DefaultPropagationRouteTable: false, CreationTime: '2026-03-02T10:15:40+00:00', Tags: tags('tgw-rtb-hub') },
  { TransitGatewayRouteTableId: tgwRtbSpokes, TransitGatewayId: tgwId, State: 'available', DefaultAssociationRouteTable: false, DefaultPropagationRouteTable: false, CreationTime: '2026-03-02T10:15:52+00:00', Tags: tags('tgw-rtb-spokes') },
);
acct(HUB).TransitGatewayStaticRoutes.push(
  { AdditionalRoutesAvailable: false, Routes: [], TransitGatewayRouteTableId: tgwRtbHub },
  {
    AdditionalRoutesAvailable: false,
    Routes: [
      {
        DestinationCidrBlock: '0.0.0.0/0',
        TransitGatewayAttachments: [{ ResourceId: vpcs.hub.id, TransitGatewayAttachmentId: attHub, ResourceType: 'vpc' }],
        Type: 'static',
        State: 'active',
      },
    ],
    TransitGatewayRouteTableId: tgwRtbSpokes,
  },
);
acct(HUB).TransitGatewayPropagations.push(
  {
    TransitGatewayRouteTableId: tgwRtbHub,
    TransitGatewayRouteTablePropagations: [
      { ResourceId: vpcs['prod-app'].id, ResourceType: 'vpc', State: 'enabled', TransitGatewayAttachmentId: attProdApp },
      { ResourceId: vpcs.shared.id, ResourceType: 'vpc', State: 'enabled', TransitGatewayAttachmentId: attShared },
    ],
  },
  {
    TransitGatewayRouteTableId: tgwRtbSpokes,
    TransitGatewayRouteTablePropagations: [{ ResourceId: vpcs.hub.id, ResourceType: 'vpc', State: 'enabled', TransitGatewayAttachmentId: attHub }],
  },
);

// Peerings
const peerSide = (vkey, extra = {}) => ({
  CidrBlock: vpcs[vkey].cidr,
  CidrBlockSet: [{ CidrBlock: vpcs[vkey].cidr }],
  OwnerId: vpcs[vkey].a,
  PeeringOptions: { AllowDnsResolutionFromRemoteVpc: false, AllowEgressFromLocalClassicLinkToRemoteVpc: false, AllowEgressFromLocalVpcToRemoteClassicLink: false },
  VpcId: vpcs[vkey].id,
  Region: R,
  ...extra,
});
const hubData = (tagName) => ({
  AccepterVpcInfo: peerSide('hub'),
  RequesterVpcInfo: peerSide('prod-data'),
  Status: { Code: 'active', Message: 'Active' },
  Tags: tags(tagName),
  VpcPeeringConnectionId: pcxHubData,
});
acct(PROD).VpcPeeringConnections.push(hubData('prod-data-to-hub'));
acct(HUB).VpcPeeringConnections.push(hubData('hub-to-prod-data'));
acct(PROD).VpcPeeringConnections.push({
  AccepterVpcInfo: { OwnerId: VENDOR, VpcId: VENDOR_VPC, Region: R },
  ExpirationTime: '2026-11-27T08:14:03+00:00',
  RequesterVpcInfo: peerSide('prod-data'),
  Status: { Code: 'pending-acceptance', Message: `Pending Acceptance by ${VENDOR}` },
  Tags: tags('prod-data-to-acme-metrics'),
  VpcPeeringConnectionId: pcxDataVendor,
});
acct(SBX).VpcPeeringConnections.push({
  AccepterVpcInfo: {
    CidrBlock: VENDOR_CIDR,
    CidrBlockSet: [{ CidrBlock: VENDOR_CIDR }],
    OwnerId: VENDOR,
    PeeringOptions: { AllowDnsResolutionFromRemoteVpc: false, AllowEgressFromLocalClassicLinkToRemoteVpc: false, AllowEgressFromLocalVpcToRemoteClassicLink: false },
    VpcId: VENDOR_VPC,
    Region: R,
  },
  RequesterVpcInfo: peerSide('sandbox'),
  Status: { Code: 'active', Message: 'Active' },
  Tags: tags('sandbox-to-acme-metrics'),
  VpcPeeringConnectionId: pcxSbxVendor,
});

// Route 53 private hosted zones (hub-owned), associated with hub and prod-app, NOT prod-data
const zones = [
  { key: 'sqs', id: 'Z04817263J4KQ2XWV8T1D', name: `sqs.${R}.amazonaws.com.`, vpce: vpceSqs },
  { key: 'sts', id: 'Z09273645M1PQ8RZ3YB6C', name: `sts.${R}.amazonaws.com.`, vpce: vpceSts },
];
for (const z of zones) {
  const hz = {
    Id: `/hostedzone/${z.id}`,
    Name: z.name,
    CallerReference: `perimeter-demo-${z.key}-2026-04-09`,
    Config: { Comment: `centralized ${z.key} endpoint ${z.vpce}`, PrivateZone: true },
    ResourceRecordSetCount: 3,
  };
  acct(HUB).HostedZones.push(hz);
  acct(HUB).extra.push({
    file: `GetHostedZone-${z.id}.json`,
    data: {
      HostedZone: hz,
      VPCs: [
        { VPCRegion: R, VPCId: vpcs.hub.id },
        { VPCRegion: R, VPCId: vpcs['prod-app'].id },
      ],
    },
  });
}

// ================================================================= SANDBOX 444444444444
subnet(SBX, 'sandbox', 'sandbox-public-a', 'sandbox-public-a', '10.3.0.0/24', 'a', { mapPublic: true, used: 2 });
subnet(SBX, 'sandbox', 'sandbox-public-b', 'sandbox-public-b', '10.3.1.0/24', 'b', { mapPublic: true, used: 2 });
subnet(SBX, 'sandbox', 'sandbox-jump-a', 'sandbox-jump-a', '10.3.2.0/24', 'a', { mapPublic: true, used: 1 });
subnet(SBX, 'sandbox', 'sandbox-private-a', 'sandbox-private-a', '10.3.10.0/24', 'a', { used: 1 });
const igwSbx = id('igw', 'sandbox');
acct(SBX).InternetGateways.push({ Attachments: [{ State: 'available', VpcId: vpcs.sandbox.id }], InternetGatewayId: igwSbx, OwnerId: SBX, Tags: tags('sandbox-igw') });
routeTable(SBX, 'sandbox', 'sandbox-public', 'sandbox-public', {
  subnetKeys: ['sandbox-public-a', 'sandbox-public-b', 'sandbox-jump-a'],
  routes: [
    { dest: '0.0.0.0/0', igw: igwSbx },
    { dest: VENDOR_CIDR, pcx: pcxSbxVendor },
  ],
});
routeTable(SBX, 'sandbox', 'sandbox-main', 'sandbox-main', { main: true });
nacl(SBX, 'sandbox', 'sandbox-default', { isDefault: true, subnetKeys: ['sandbox-public-a', 'sandbox-public-b', 'sandbox-private-a'] });
nacl(SBX, 'sandbox', 'sandbox-jump', {
  isDefault: false,
  name: 'sandbox-jump-nacl',
  subnetKeys: ['sandbox-jump-a'],
  entries: [
    { CidrBlock: '0.0.0.0/0', Egress: true, Protocol: '-1', RuleAction: 'allow', RuleNumber: 100 },
    { CidrBlock: '0.0.0.0/0', Egress: true, Protocol: '-1', RuleAction: 'deny', RuleNumber: 32767 },
    { CidrBlock: '0.0.0.0/0', Egress: false, PortRange: { From: 22, To: 22 }, Protocol: '6', RuleAction: 'deny', RuleNumber: 90 },
    { CidrBlock: '0.0.0.0/0', Egress: false, Protocol: '-1', RuleAction: 'allow', RuleNumber: 100 },
    { CidrBlock: '0.0.0.0/0', Egress: false, Protocol: '-1', RuleAction: 'deny', RuleNumber: 32767 },
  ],
});
defaultSg(SBX, 'sandbox');
sg(SBX, 'sandbox', 'sandbox-ssh', 'sandbox-ssh-sg', 'SSH and RDP for the sandbox box', [
  { proto: 'tcp', from: 22, cidrs: ['0.0.0.0/0'], desc: 'ssh from anywhere' },
  { proto: 'tcp', from: 3389, cidrs: ['0.0.0.0/1', '128.0.0.0/1'], desc: 'rdp (not 0.0.0.0/0, promise)' },
]);
sg(SBX, 'sandbox', 'sandbox-alb', 'sandbox-alb-sg', 'public HTTPS to the sandbox ALB', [{ proto: 'tcp', from: 443, cidrs: ['0.0.0.0/0'], desc: 'https' }]);
sg(SBX, 'sandbox', 'sandbox-web', 'sandbox-web-sg', 'HTTP from the sandbox ALB only', [
  { proto: 'tcp', from: 80, groups: [{ id: sgs['sandbox-alb'].id, owner: SBX }], desc: 'from the ALB' },
]);
sg(SBX, 'sandbox', 'sandbox-legacy-ssh', 'sandbox-legacy-ssh-sg', 'legacy jump host SSH', [{ proto: 'tcp', from: 22, cidrs: ['0.0.0.0/0'], desc: 'legacy ssh' }]);

instance(SBX, 'sandbox-public-a', 'sandbox-ssh-box', 'sandbox-ssh-box', {
  id: 'i-0c1d2e3f4a5b6c7d8',
  ip: '10.3.0.12',
  publicIp: '54.164.22.91',
  groups: ['sandbox-ssh'],
  profile: 'sandbox-ssh-box',
  type: 't3.micro',
  imdsV1: true,
});
instance(SBX, 'sandbox-public-b', 'sandbox-web-1', 'sandbox-web-1', { ip: '10.3.1.77', publicIp: '3.91.47.120', groups: ['sandbox-web'], profile: 'sandbox-web', type: 't3.small' });
instance(SBX, 'sandbox-jump-a', 'sandbox-jump-1', 'sandbox-jump-1', { ip: '10.3.2.10', publicIp: '18.207.133.6', groups: ['sandbox-legacy-ssh'], type: 't3.micro' });
instance(SBX, 'sandbox-private-a', 'sandbox-dev-1', 'sandbox-dev-1', { ip: '10.3.10.20', groups: ['sandbox-legacy-ssh'], type: 't3.micro' });

// ALB
const albSuffix = '8f2c6e1d0b3a4c57';
const albArn = `arn:aws:elasticloadbalancing:${R}:${SBX}:loadbalancer/app/sandbox-web-alb/${albSuffix}`;
const tgArn = `arn:aws:elasticloadbalancing:${R}:${SBX}:targetgroup/sandbox-web-tg/3c9a1f7e5b2d4068`;
const listenerArn = `arn:aws:elasticloadbalancing:${R}:${SBX}:listener/app/sandbox-web-alb/${albSuffix}/6d1e0a9b8c7f5e43`;
const albDns = `sandbox-web-alb-1843927561.${R}.elb.amazonaws.com`;
acct(SBX).LoadBalancers.push({
  LoadBalancerArn: albArn,
  DNSName: albDns,
  CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
  CreatedTime: '2026-09-30T12:03:17.420000+00:00',
  LoadBalancerName: 'sandbox-web-alb',
  Scheme: 'internet-facing',
  VpcId: vpcs.sandbox.id,
  State: { Code: 'active' },
  Type: 'application',
  AvailabilityZones: [
    { ZoneName: `${R}a`, SubnetId: subnets['sandbox-public-a'].id, LoadBalancerAddresses: [] },
    { ZoneName: `${R}b`, SubnetId: subnets['sandbox-public-b'].id, LoadBalancerAddresses: [] },
  ],
  SecurityGroups: [sgs['sandbox-alb'].id],
  IpAddressType: 'ipv4',
});
eni(SBX, 'sandbox-public-a', 'alb-a', {
  ip: '10.3.0.200',
  publicIp: '52.4.188.17',
  groups: ['sandbox-alb'],
  requesterId: 'amazon-elb',
  requesterManaged: true,
  description: `ELB app/sandbox-web-alb/${albSuffix}`,
  attachment: managedAttachment('alb-a', 'amazon-elb'),
});
eni(SBX, 'sandbox-public-b', 'alb-b', {
  ip: '10.3.1.210',
  publicIp: '34.196.60.245',
  groups: ['sandbox-alb'],
  requesterId: 'amazon-elb',
  requesterManaged: true,
  description: `ELB app/sandbox-web-alb/${albSuffix}`,
  attachment: managedAttachment('alb-b', 'amazon-elb'),
});
acct(SBX).Listeners.push({
  ListenerArn: listenerArn,
  LoadBalancerArn: albArn,
  Port: 443,
  Protocol: 'HTTPS',
  Certificates: [{ CertificateArn: `arn:aws:acm:${R}:${SBX}:certificate/5a1c2e3f-7b9d-4e0a-8c6b-1f2d3e4a5b6c` }],
  SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
  DefaultActions: [
    {
      Type: 'forward',
      TargetGroupArn: tgArn,
      Order: 1,
      ForwardConfig: { TargetGroups: [{ TargetGroupArn: tgArn, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } },
    },
  ],
});
acct(SBX).TargetGroups.push({
  TargetGroupArn: tgArn,
  TargetGroupName: 'sandbox-web-tg',
  Protocol: 'HTTP',
  Port: 80,
  VpcId: vpcs.sandbox.id,
  HealthCheckProtocol: 'HTTP',
  HealthCheckPort: 'traffic-port',
  HealthCheckEnabled: true,
  HealthCheckIntervalSeconds: 30,
  HealthCheckTimeoutSeconds: 5,
  HealthyThresholdCount: 5,
  UnhealthyThresholdCount: 2,
  HealthCheckPath: '/healthz',
  Matcher: { HttpCode: '200' },
  LoadBalancerArns: [albArn],
  TargetType: 'instance',
  ProtocolVersion: 'HTTP1',
  IpAddressType: 'ipv4',
});
acct(SBX).LoadBalancerTargetHealth.push({
  TargetGroupArn: tgArn,
  TargetHealthDescriptions: [
    { Target: { Id: instances['sandbox-web-1'].id, Port: 80 }, HealthCheckPort: '80', TargetHealth: { State: 'healthy' } },
  ],
});

// ================================================================= ANALYTICS 555555555555
subnet(ANA, 'analytics', 'analytics-data-a', 'analytics-data-a', '10.5.1.0/24', 'a', { used: 1 });
subnet(ANA, 'analytics', 'analytics-data-b', 'analytics-data-b', '10.5.2.0/24', 'b');
const igwAna = id('igw', 'analytics');
acct(ANA).InternetGateways.push({ Attachments: [{ State: 'available', VpcId: vpcs.analytics.id }], InternetGatewayId: igwAna, OwnerId: ANA, Tags: tags('analytics-igw') });
routeTable(ANA, 'analytics', 'analytics-main', 'analytics-main', { main: true });
nacl(ANA, 'analytics', 'analytics-default', { isDefault: true, subnetKeys: ['analytics-data-a', 'analytics-data-b'] });
defaultSg(ANA, 'analytics');
sg(ANA, 'analytics', 'analytics-db', 'analytics-warehouse-sg', 'warehouse access for the BI vendor (temporary)', [
  { proto: 'tcp', from: 5432, cidrs: ['0.0.0.0/0'], desc: 'BI vendor, temporary' },
]);
eni(ANA, 'analytics-data-a', 'rds-analytics', {
  ip: '10.5.1.117',
  publicIp: '3.224.51.30',
  groups: ['analytics-db'],
  requesterId: 'amazon-rds',
  requesterManaged: true,
  description: 'RDSNetworkInterface',
  attachment: managedAttachment('rds-analytics', 'amazon-rds'),
});
acct(ANA).DBInstances.push({
  DBInstanceIdentifier: 'analytics-warehouse',
  DBInstanceClass: 'db.r6g.large',
  Engine: 'postgres',
  DBInstanceStatus: 'available',
  MasterUsername: 'warehouse_admin',
  DBName: 'warehouse',
  Endpoint: { Address: 'analytics-warehouse.c7x2kq9vd0pz.us-east-1.rds.amazonaws.com', Port: 5432, HostedZoneId: 'Z2R2ITUGPM61AM' },
  AllocatedStorage: 200,
  InstanceCreateTime: '2026-06-18T08:47:12.318000+00:00',
  PreferredBackupWindow: '03:00-03:30',
  BackupRetentionPeriod: 7,
  DBSecurityGroups: [],
  VpcSecurityGroups: [{ VpcSecurityGroupId: sgs['analytics-db'].id, Status: 'active' }],
  DBParameterGroups: [{ DBParameterGroupName: 'default.postgres16', ParameterApplyStatus: 'in-sync' }],
  AvailabilityZone: `${R}a`,
  DBSubnetGroup: {
    DBSubnetGroupName: 'analytics-warehouse-subnets',
    DBSubnetGroupDescription: 'analytics data subnets',
    VpcId: vpcs.analytics.id,
    SubnetGroupStatus: 'Complete',
    Subnets: ['analytics-data-a', 'analytics-data-b'].map((k) => ({
      SubnetIdentifier: subnets[k].id,
      SubnetAvailabilityZone: { Name: `${R}${subnets[k].az}` },
      SubnetOutpost: {},
      SubnetStatus: 'Active',
    })),
  },
  PreferredMaintenanceWindow: 'sun:05:00-sun:05:30',
  PendingModifiedValues: {},
  MultiAZ: false,
  EngineVersion: '16.4',
  AutoMinorVersionUpgrade: true,
  ReadReplicaDBInstanceIdentifiers: [],
  LicenseModel: 'postgresql-license',
  OptionGroupMemberships: [{ OptionGroupName: 'default:postgres-16', Status: 'in-sync' }],
  PubliclyAccessible: true,
  StorageType: 'gp3',
  DbInstancePort: 0,
  StorageEncrypted: true,
  KmsKeyId: `arn:aws:kms:${R}:${ANA}:key/0b7c1d2e-3f4a-4b5c-9d6e-7f8a9b0c1d2e`,
  DbiResourceId: 'db-4K2N7QXRZ5T3VJ8WPL6HC0MYDA',
  CACertificateIdentifier: 'rds-ca-rsa2048-g1',
  DomainMemberships: [],
  CopyTagsToSnapshot: true,
  MonitoringInterval: 0,
  DBInstanceArn: `arn:aws:rds:${R}:${ANA}:db:analytics-warehouse`,
  IAMDatabaseAuthenticationEnabled: false,
  PerformanceInsightsEnabled: false,
  DeletionProtection: true,
  TagList: [{ Key: 'team', Value: 'analytics' }],
  NetworkType: 'IPV4',
});

// ================================================================= IAM
const ec2Trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const awsPolicies = {
  AmazonSQSFullAccess: {
    id: 'ANPAI65L554VRJ33ECQS6',
    version: 'v3',
    doc: { Version: '2012-10-17', Statement: [{ Sid: 'SQSFullAccess', Effect: 'Allow', Action: ['sqs:*'], Resource: '*' }] },
  },
  AmazonS3ReadOnlyAccess: {
    id: 'ANPAIZTJ4DXE7G6AGAE6M',
    version: 'v3',
    doc: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'], Resource: '*' }],
    },
  },
  AmazonEC2ReadOnlyAccess: {
    id: 'ANPAIGDT4SV4GSETWTBZK',
    version: 'v4',
    doc: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' },
        { Effect: 'Allow', Action: 'elasticloadbalancing:Describe*', Resource: '*' },
        { Effect: 'Allow', Action: ['cloudwatch:ListMetrics', 'cloudwatch:GetMetricStatistics', 'cloudwatch:Describe*'], Resource: '*' },
        { Effect: 'Allow', Action: 'autoscaling:Describe*', Resource: '*' },
      ],
    },
  },
};
function awsPolicy(name, count) {
  const p = awsPolicies[name];
  return {
    PolicyName: name,
    PolicyId: p.id,
    Arn: `arn:aws:iam::aws:policy/${name}`,
    Path: '/',
    DefaultVersionId: p.version,
    AttachmentCount: count,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: '2015-02-06T18:41:00+00:00',
    UpdateDate: '2023-08-21T16:12:47+00:00',
    PolicyVersionList: [{ Document: p.doc, VersionId: p.version, IsDefaultVersion: true, CreateDate: '2023-08-21T16:12:47+00:00' }],
  };
}
function role(a, name, { trust = ec2Trust, inline = [], managed = [], profile = false, tags: t = [], created = '2026-03-10T09:00:00+00:00', desc }) {
  const roleId = 'AROA' + hex(`aroa:${a}:${name}`, 17).toUpperCase();
  const arn = `arn:aws:iam::${a}:role/${name}`;
  const base = { Path: '/', RoleName: name, RoleId: roleId, Arn: arn, CreateDate: created, AssumeRolePolicyDocument: trust };
  return {
    ...base,
    ...(desc ? { Description: desc } : {}),
    InstanceProfileList: profile
      ? [
          {
            Path: '/',
            InstanceProfileName: name,
            InstanceProfileId: 'AIPA' + hex(`aipa:${a}:${name}`, 17).toUpperCase(),
            Arn: `arn:aws:iam::${a}:instance-profile/${name}`,
            CreateDate: created,
            Roles: [base],
          },
        ]
      : [],
    RolePolicyList: inline.map(([PolicyName, PolicyDocument]) => ({ PolicyName, PolicyDocument })),
    AttachedManagedPolicies: managed.map((m) => ({ PolicyName: m, PolicyArn: `arn:aws:iam::aws:policy/${m}` })),
    Tags: t,
    RoleLastUsed: { LastUsedDate: '2026-11-22T23:41:09+00:00', Region: R },
    MaxSessionDuration: 3600,
  };
}
const orgAccessRole = (a) =>
  role(a, 'OrganizationAccountAccessRole', {
    trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: 'sts:AssumeRole' }] },
    inline: [['AdministratorAccess', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }]],
    created: '2026-02-17T11:20:00+00:00',
  });

// seed 001, copied verbatim (Tenable, "A New Incentive for Using AWS VPC Endpoints")
const seed001 = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:ec2InstanceSourceVPC': '${aws:SourceVpc}' },
        Null: { 'ec2:SourceInstanceARN': 'false' },
        BoolIfExists: { 'aws:ViaAWSService': 'false' },
      },
    },
    {
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:ec2InstanceSourcePrivateIPv4': '${aws:VpcSourceIp}' },
        Null: { 'ec2:SourceInstanceARN': 'false' },
        BoolIfExists: { 'aws:ViaAWSService': 'false' },
      },
    },
  ],
};
// seed 003, "Luke": deny everything not coming from the instance's own public IP
const seed003 = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': [instances['sandbox-web-1'].publicIp] } } }],
};

const iam = {
  [MGMT]: {
    roles: [
      role(MGMT, 'perimeter-collector', {
        trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] },
        inline: [
          [
            'perimeter-collect',
            {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['ec2:Describe*', 'elasticloadbalancing:Describe*', 'rds:DescribeDBInstances', 'route53:ListHostedZones', 'route53:GetHostedZone', 'iam:GetAccountAuthorizationDetails', 'organizations:Describe*', 'organizations:List*'],
                  Resource: '*',
                },
                { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/OrganizationAccountAccessRole' },
              ],
            },
          ],
        ],
        created: '2026-02-17T10:05:00+00:00',
        desc: 'runs perimeter collect --org',
      }),
    ],
    policies: [],
  },
  [HUB]: { roles: [orgAccessRole(HUB)], policies: [] },
  [PROD]: {
    roles: [
      orgAccessRole(PROD),
      role(PROD, 'prod-app-bound', {
        inline: [['ec2-credential-binding', seed001]],
        managed: ['AmazonSQSFullAccess'],
        profile: true,
        tags: [{ Key: 'network-zone', Value: 'prod-app' }],
        desc: 'prod app instances; credentials bound to the instance (seed 001)',
      }),
      role(PROD, 'prod-batch-unbound', {
        managed: ['AmazonS3ReadOnlyAccess', 'AmazonSQSFullAccess'],
        profile: true,
        desc: 'prod batch workers; no credential binding',
      }),
    ],
    policies: [awsPolicy('AmazonS3ReadOnlyAccess', 1), awsPolicy('AmazonSQSFullAccess', 2)],
  },
  [SBX]: {
    roles: [
      orgAccessRole(SBX),
      role(SBX, 'sandbox-web', {
        inline: [['caller-based-lock', seed003]],
        managed: ['AmazonS3ReadOnlyAccess'],
        profile: true,
        desc: 'sandbox web instance ("Luke", seed 003)',
      }),
      role(SBX, 'sandbox-ssh-box', {
        managed: ['AmazonEC2ReadOnlyAccess'],
        profile: true,
        desc: 'sandbox SSH box ("Matt", seed 003)',
      }),
    ],
    policies: [awsPolicy('AmazonEC2ReadOnlyAccess', 1), awsPolicy('AmazonS3ReadOnlyAccess', 1)],
  },
  [ANA]: { roles: [orgAccessRole(ANA)], policies: [] },
};

// ================================================================= ORGANIZATION
const orgArn = (kind, x) => `arn:aws:organizations::${MGMT}:${kind}/${ORG}/${x}`;
const scpDenyIgw = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyInternetGateway',
      Effect: 'Deny',
      Action: ['ec2:CreateInternetGateway', 'ec2:AttachInternetGateway', 'ec2:CreateEgressOnlyInternetGateway'],
      Resource: '*',
    },
  ],
};
const organization = {
  Organization: {
    Id: ORG,
    Arn: `arn:aws:organizations::${MGMT}:organization/${ORG}`,
    FeatureSet: 'ALL',
    MasterAccountArn: `arn:aws:organizations::${MGMT}:account/${ORG}/${MGMT}`,
    MasterAccountId: MGMT,
    MasterAccountEmail: 'aws-root@example.com',
    AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
  },
  Roots: [{ Id: ROOT, Arn: `arn:aws:organizations::${MGMT}:root/${ORG}/${ROOT}`, Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }],
  OrganizationalUnits: [
    { Id: OU_INFRA, Arn: orgArn('ou', OU_INFRA), Name: 'Infrastructure', ParentId: ROOT },
    { Id: OU_PROD, Arn: orgArn('ou', OU_PROD), Name: 'Prod', ParentId: ROOT },
    { Id: OU_SBX, Arn: orgArn('ou', OU_SBX), Name: 'Sandbox', ParentId: ROOT },
  ],
  Accounts: [
    [MGMT, 'management', ROOT, 'INVITED', '2026-02-17T10:00:00.000000+00:00'],
    [HUB, 'network-hub', OU_INFRA, 'CREATED', '2026-02-17T11:20:00.000000+00:00'],
    [PROD, 'prod', OU_PROD, 'CREATED', '2026-02-17T11:24:00.000000+00:00'],
    [SBX, 'sandbox', OU_SBX, 'CREATED', '2026-02-17T11:27:00.000000+00:00'],
    [ANA, 'analytics', ROOT, 'INVITED', '2026-05-04T15:42:00.000000+00:00'],
  ].map(([Id, Name, ParentId, JoinedMethod, JoinedTimestamp]) => ({
    Id,
    Arn: orgArn('account', Id),
    Email: `aws+${Name}@example.com`,
    Name,
    Status: 'ACTIVE',
    JoinedMethod,
    JoinedTimestamp,
    ParentId,
  })),
  Policies: [
    {
      PolicySummary: {
        Id: 'p-FullAWSAccess',
        Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
        Name: 'FullAWSAccess',
        Description: 'Allows access to every operation',
        Type: 'SERVICE_CONTROL_POLICY',
        AwsManaged: true,
      },
      Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2),
      // AWS attaches FullAWSAccess to the root, every OU and every account when SCPs are enabled;
      // every level must allow, so an OU with only a Deny SCP would deny everything.
      Targets: [
        { TargetId: ROOT, Arn: `arn:aws:organizations::${MGMT}:root/${ORG}/${ROOT}`, Name: 'Root', Type: 'ROOT' },
        { TargetId: OU_INFRA, Arn: orgArn('ou', OU_INFRA), Name: 'Infrastructure', Type: 'ORGANIZATIONAL_UNIT' },
        { TargetId: OU_PROD, Arn: orgArn('ou', OU_PROD), Name: 'Prod', Type: 'ORGANIZATIONAL_UNIT' },
        { TargetId: OU_SBX, Arn: orgArn('ou', OU_SBX), Name: 'Sandbox', Type: 'ORGANIZATIONAL_UNIT' },
        ...[[MGMT, 'management'], [HUB, 'network-hub'], [PROD, 'prod'], [SBX, 'sandbox'], [ANA, 'analytics']].map(([id, name]) => ({
          TargetId: id,
          Arn: orgArn('account', id),
          Name: name,
          Type: 'ACCOUNT',
        })),
      ],
    },
    {
      PolicySummary: {
        Id: 'p-7q2x9k4m',
        Arn: `arn:aws:organizations::${MGMT}:policy/${ORG}/service_control_policy/p-7q2x9k4m`,
        Name: 'DenyInternetGateway',
        Description: 'No internet gateways (seed 002): egress goes through the network hub',
        Type: 'SERVICE_CONTROL_POLICY',
        AwsManaged: false,
      },
      Content: JSON.stringify(scpDenyIgw, null, 2),
      Targets: [{ TargetId: OU_PROD, Arn: orgArn('ou', OU_PROD), Name: 'Prod', Type: 'ORGANIZATIONAL_UNIT' }],
    },
  ],
};

// ================================================================= WRITE
function write(rel, data) {
  const f = path.join(OUT, rel);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, JSON.stringify(data, null, 4) + '\n');
}
fs.rmSync(path.join(OUT, 'accounts'), { recursive: true, force: true });
fs.rmSync(path.join(OUT, 'organization'), { recursive: true, force: true });
for (const [a, d] of Object.entries(accounts)) {
  for (const k of KEYS) {
    if (k === 'HostedZones') {
      write(`accounts/${a}/${R}/HostedZones.json`, { HostedZones: d.HostedZones, IsTruncated: false, MaxItems: '100' });
    } else write(`accounts/${a}/${R}/${k}.json`, { [k]: d[k] });
  }
  for (const x of d.extra) write(`accounts/${a}/${R}/${x.file}`, x.data);
  const i = iam[a];
  write(`accounts/${a}/global/iam.json`, {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: i.roles,
    Policies: i.policies,
    IsTruncated: false,
  });
}
write('organization/organization.json', organization);

