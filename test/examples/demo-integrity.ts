// Referential-integrity checker for a raw snapshot in the accounts/<id>/<region>/ layout (the
// bundled demo estate): every referenced id exists, addresses sit inside their CIDRs, ENIs and
// instances agree, peerings are shown by both in-organization sides. Works on the raw AWS JSON,
// independently of the loader, and returns every problem found (empty = consistent).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ipaddr from 'ipaddr.js';

/* Minimal views of the raw AWS records (only the fields checked here). */
interface Tagged {
  Tags?: { Key: string; Value: string }[];
}
interface RawVpc extends Tagged {
  VpcId: string;
  OwnerId: string;
  CidrBlock: string;
  CidrBlockAssociationSet?: { CidrBlock: string }[];
  Ipv6CidrBlockAssociationSet?: { Ipv6CidrBlock: string }[];
}
interface RawSubnet {
  SubnetId: string;
  VpcId: string;
  OwnerId: string;
  CidrBlock: string;
  AvailabilityZone: string;
  SubnetArn?: string;
  Ipv6CidrBlockAssociationSet?: { Ipv6CidrBlock: string }[];
}
interface RawRoute {
  DestinationCidrBlock?: string;
  DestinationIpv6CidrBlock?: string;
  GatewayId?: string;
  EgressOnlyInternetGatewayId?: string;
  NatGatewayId?: string;
  TransitGatewayId?: string;
  VpcPeeringConnectionId?: string;
  NetworkInterfaceId?: string;
  InstanceId?: string;
}
interface RawRouteTable {
  RouteTableId: string;
  VpcId: string;
  OwnerId: string;
  Associations: { Main: boolean; SubnetId?: string; RouteTableId: string }[];
  Routes: RawRoute[];
}
interface RawGateway {
  InternetGatewayId?: string;
  EgressOnlyInternetGatewayId?: string;
  OwnerId?: string;
  Attachments: { VpcId: string; State: string }[];
}
interface RawNat {
  NatGatewayId: string;
  VpcId: string;
  SubnetId: string;
  NatGatewayAddresses: { AllocationId?: string; NetworkInterfaceId: string; PrivateIp: string; PublicIp?: string }[];
}
interface RawNaclEntry {
  RuleNumber: number;
  Egress: boolean;
  RuleAction: string;
  Protocol: string;
  CidrBlock?: string;
  Ipv6CidrBlock?: string;
}
interface RawNacl {
  NetworkAclId: string;
  VpcId: string;
  OwnerId: string;
  IsDefault: boolean;
  Associations: { SubnetId: string; NetworkAclId: string }[];
  Entries: RawNaclEntry[];
}
interface RawPermission {
  IpProtocol: string;
  UserIdGroupPairs?: { GroupId: string; UserId?: string }[];
}
interface RawSg {
  GroupId: string;
  GroupName: string;
  VpcId: string;
  OwnerId: string;
  IpPermissions: RawPermission[];
  IpPermissionsEgress: RawPermission[];
}
interface RawPublic {
  PublicIp: string;
  AllocationId?: string;
}
interface RawEni {
  NetworkInterfaceId: string;
  VpcId: string;
  SubnetId: string;
  OwnerId: string;
  AvailabilityZone: string;
  InterfaceType: string;
  Description: string;
  PrivateIpAddress: string;
  PrivateIpAddresses: { PrivateIpAddress: string; Primary: boolean; Association?: RawPublic }[];
  Association?: RawPublic;
  Ipv6Addresses: { Ipv6Address: string }[];
  Groups: { GroupId: string; GroupName: string }[];
  Attachment?: { InstanceId?: string; InstanceOwnerId?: string; DeviceIndex?: number };
}
interface RawInstance extends Tagged {
  InstanceId: string;
  VpcId: string;
  SubnetId: string;
  PrivateIpAddress: string;
  PublicIpAddress?: string;
  State: { Name: string };
  Placement: { AvailabilityZone: string };
  IamInstanceProfile?: { Arn: string };
  SecurityGroups: { GroupId: string; GroupName: string }[];
  NetworkInterfaces: { NetworkInterfaceId: string; PrivateIpAddress: string; OwnerId: string; SubnetId: string }[];
}
interface RawAddress {
  PublicIp: string;
  AllocationId: string;
  NetworkInterfaceId?: string;
  PrivateIpAddress?: string;
}
interface RawPeeringSide {
  OwnerId: string;
  VpcId: string;
  Region: string;
  CidrBlock?: string;
}
interface RawPeering {
  VpcPeeringConnectionId: string;
  Status: { Code: string };
  RequesterVpcInfo: RawPeeringSide;
  AccepterVpcInfo: RawPeeringSide;
}
interface RawEndpoint {
  VpcEndpointId: string;
  VpcId: string;
  OwnerId: string;
  VpcEndpointType: string;
  PolicyDocument?: string;
  SubnetIds: string[];
  NetworkInterfaceIds: string[];
  Groups: { GroupId: string }[];
}
interface RawTgw {
  TransitGatewayId: string;
  OwnerId: string;
}
interface RawTgwAttachment {
  TransitGatewayAttachmentId: string;
  TransitGatewayId: string;
  TransitGatewayOwnerId: string;
  ResourceId: string;
  ResourceOwnerId: string;
  ResourceType: string;
  Association?: { TransitGatewayRouteTableId: string };
}
interface RawTgwVpcAttachment {
  TransitGatewayAttachmentId: string;
  TransitGatewayId: string;
  VpcId: string;
  VpcOwnerId: string;
  SubnetIds: string[];
}
interface RawTgwRouteTable {
  TransitGatewayRouteTableId: string;
  TransitGatewayId: string;
}
interface RawTgwRoutes {
  TransitGatewayRouteTableId: string;
  Routes: { DestinationCidrBlock: string; TransitGatewayAttachments?: { TransitGatewayAttachmentId: string; ResourceId: string }[] }[];
}
interface RawTgwPropagations {
  TransitGatewayRouteTableId: string;
  TransitGatewayRouteTablePropagations: { TransitGatewayAttachmentId: string; ResourceId: string }[];
}
interface RawLb {
  LoadBalancerArn: string;
  VpcId: string;
  DNSName: string;
  AvailabilityZones: { SubnetId: string; ZoneName: string }[];
  SecurityGroups?: string[];
}
interface RawListener {
  ListenerArn: string;
  LoadBalancerArn: string;
  DefaultActions: { TargetGroupArn?: string }[];
}
interface RawTargetGroup {
  TargetGroupArn: string;
  VpcId: string;
  TargetType: string;
  LoadBalancerArns: string[];
}
interface RawTargetHealth {
  TargetGroupArn: string;
  TargetHealthDescriptions: { Target: { Id: string; Port?: number }; TargetHealth: { State: string } }[];
}
interface RawDb {
  DBInstanceIdentifier: string;
  DBInstanceArn: string;
  DBSubnetGroup: { VpcId: string; Subnets: { SubnetIdentifier: string }[] };
  VpcSecurityGroups: { VpcSecurityGroupId: string }[];
}
interface RawHostedZone {
  Id: string;
  Name: string;
  Config: { PrivateZone: boolean };
}
interface RawRole {
  Arn: string;
  RoleName: string;
  AssumeRolePolicyDocument: unknown;
  InstanceProfileList: { Arn: string; InstanceProfileName: string; Roles: { Arn: string }[] }[];
  RolePolicyList: { PolicyName: string; PolicyDocument: unknown }[];
  AttachedManagedPolicies: { PolicyArn: string }[];
}
interface RawManagedPolicy {
  Arn: string;
  PolicyVersionList: { Document: unknown; IsDefaultVersion: boolean }[];
}
interface RawOrg {
  Organization: { Id: string; MasterAccountId: string };
  Roots: { Id: string }[];
  OrganizationalUnits: { Id: string; Name: string; ParentId: string }[];
  Accounts: { Id: string; Name: string; ParentId: string; Status: string }[];
  Policies: { PolicySummary: { Id: string; Name: string }; Content: string; Targets: { TargetId: string }[] }[];
}

export interface AccountData {
  readonly id: string;
  readonly region: string;
  /** Every record of a top-level key, merged over the account-region's files. */
  list<T>(key: string): T[];
  /** Whole documents holding `key` (for keys whose siblings matter, like HostedZone + VPCs). */
  docs(key: string): Record<string, unknown>[];
  readonly iam: { roles: RawRole[]; policies: RawManagedPolicy[] };
}

export interface RawSnapshot {
  readonly root: string;
  readonly files: readonly string[];
  readonly accounts: ReadonlyMap<string, AccountData>;
  readonly organization: RawOrg;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

export function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export function readSnapshot(root: string): RawSnapshot {
  const files = walk(root).filter((f) => f.endsWith('.json'));
  const accounts = new Map<string, AccountData>();
  const byAccount = new Map<string, { region: string; docs: Record<string, unknown>[]; iam: Record<string, unknown>[] }>();
  let organization: RawOrg | undefined;
  for (const f of files) {
    const rel = relative(root, f).split(/[\\/]/);
    const data = readJson(f);
    if (rel[0] === 'organization') {
      organization = data as unknown as RawOrg;
      continue;
    }
    if (rel[0] !== 'accounts' || rel.length !== 4) throw new Error(`${f}: outside the accounts/<id>/<region>/ layout`);
    const [, id, region] = rel as [string, string, string, string];
    let a = byAccount.get(id);
    if (!a) byAccount.set(id, (a = { region: '', docs: [], iam: [] }));
    if (region === 'global') a.iam.push(data);
    else {
      a.region = region;
      a.docs.push(data);
    }
  }
  if (!organization) throw new Error(`${root}: no organization/*.json`);
  for (const [id, a] of byAccount) {
    const docs = a.docs;
    accounts.set(id, {
      id,
      region: a.region,
      list<T>(key: string): T[] {
        return docs.flatMap((d) => (Array.isArray(d[key]) ? (d[key] as T[]) : []));
      },
      docs(key: string) {
        return docs.filter((d) => key in d);
      },
      iam: {
        roles: a.iam.flatMap((d) => (d.RoleDetailList as RawRole[] | undefined) ?? []),
        policies: a.iam.flatMap((d) => (d.Policies as RawManagedPolicy[] | undefined) ?? []),
      },
    });
  }
  return { root, files, accounts, organization };
}

// ---- address arithmetic (ipaddr.js) ----------------------------------------------------------

export function ipInCidr(ip: string, cidr: string): boolean {
  try {
    const addr = ipaddr.parse(ip);
    const [net, len] = ipaddr.parseCIDR(cidr);
    return addr.kind() === net.kind() && addr.match(net, len);
  } catch {
    return false;
  }
}

export function cidrInCidr(inner: string, outer: string): boolean {
  try {
    const [i, il] = ipaddr.parseCIDR(inner);
    const [o, ol] = ipaddr.parseCIDR(outer);
    return i.kind() === o.kind() && il >= ol && i.match(o, ol);
  } catch {
    return false;
  }
}

export function cidrsOverlap(a: string, b: string): boolean {
  return cidrInCidr(a, b) || cidrInCidr(b, a);
}

function isCanonicalCidr(cidr: string): boolean {
  try {
    const [net, len] = ipaddr.parseCIDR(cidr);
    const first =
      net.kind() === 'ipv4'
        ? ipaddr.IPv4.networkAddressFromCIDR(cidr).toString()
        : ipaddr.IPv6.networkAddressFromCIDR(cidr).toString();
    return first === net.toString() && len >= 0;
  } catch {
    return false;
  }
}

// ---- the checker ------------------------------------------------------------------------------

const ID = /^(vpc|subnet|rtb|igw|eigw|nat|acl|sg|eni|i|pcx|vpce|tgw|tgw-attach|tgw-rtb|eipalloc)-0[0-9a-f]{16}$/;

export function checkSnapshot(snap: RawSnapshot): string[] {
  const problems: string[] = [];
  const fail = (msg: string) => problems.push(msg);
  const org = snap.organization;
  const orgAccounts = new Set(org.Accounts.map((a) => a.Id));
  const orgParents = new Set([...org.Roots.map((r) => r.Id), ...org.OrganizationalUnits.map((o) => o.Id)]);

  // organization
  for (const ou of org.OrganizationalUnits)
    if (!orgParents.has(ou.ParentId)) fail(`OU ${ou.Id}: parent ${ou.ParentId} not in the organization`);
  for (const a of org.Accounts)
    if (!orgParents.has(a.ParentId)) fail(`account ${a.Id}: parent ${a.ParentId} not in the organization`);
  if (!orgAccounts.has(org.Organization.MasterAccountId))
    fail(`management account ${org.Organization.MasterAccountId} not in Accounts`);
  for (const p of org.Policies) {
    try {
      JSON.parse(p.Content);
    } catch {
      fail(`policy ${p.PolicySummary.Id}: Content is not a JSON string`);
    }
    for (const t of p.Targets)
      if (!orgParents.has(t.TargetId) && !orgAccounts.has(t.TargetId))
        fail(`policy ${p.PolicySummary.Id}: target ${t.TargetId} not in the organization`);
  }
  for (const id of snap.accounts.keys())
    if (!orgAccounts.has(id)) fail(`accounts/${id}: data collected for an account outside the organization`);

  // global indexes (ids are unique across the estate; the same record may be seen from two accounts)
  const vpcs = new Map<string, RawVpc>();
  const subnets = new Map<string, RawSubnet>();
  const sgs = new Map<string, RawSg>();
  const enis = new Map<string, RawEni>();
  const instances = new Map<string, RawInstance>();
  const tgws = new Map<string, RawTgw>();
  const tgwAttachments = new Map<string, RawTgwAttachment>();
  const tgwVpcAttachments = new Map<string, RawTgwVpcAttachment>();
  const tgwRouteTables = new Map<string, RawTgwRouteTable>();
  const profiles = new Map<string, RawRole>();
  const unique = <T>(m: Map<string, T>, id: string, rec: T, what: string, account: string) => {
    if (m.has(id)) fail(`${what} ${id} appears twice (again in ${account})`);
    m.set(id, rec);
  };
  for (const a of snap.accounts.values()) {
    for (const v of a.list<RawVpc>('Vpcs')) unique(vpcs, v.VpcId, v, 'VPC', a.id);
    for (const s of a.list<RawSubnet>('Subnets')) unique(subnets, s.SubnetId, s, 'subnet', a.id);
    for (const g of a.list<RawSg>('SecurityGroups')) unique(sgs, g.GroupId, g, 'security group', a.id);
    for (const e of a.list<RawEni>('NetworkInterfaces')) unique(enis, e.NetworkInterfaceId, e, 'ENI', a.id);
    for (const r of a.list<{ Instances: RawInstance[] }>('Reservations'))
      for (const i of r.Instances) unique(instances, i.InstanceId, i, 'instance', a.id);
    for (const t of a.list<RawTgw>('TransitGateways')) tgws.set(t.TransitGatewayId, t);
    for (const t of a.list<RawTgwAttachment>('TransitGatewayAttachments'))
      tgwAttachments.set(t.TransitGatewayAttachmentId, t);
    for (const t of a.list<RawTgwVpcAttachment>('TransitGatewayVpcAttachments'))
      tgwVpcAttachments.set(t.TransitGatewayAttachmentId, t);
    for (const t of a.list<RawTgwRouteTable>('TransitGatewayRouteTables'))
      unique(tgwRouteTables, t.TransitGatewayRouteTableId, t, 'TGW route table', a.id);
    for (const r of a.iam.roles) for (const p of r.InstanceProfileList) profiles.set(p.Arn, r);
  }
  for (const m of [vpcs, subnets, sgs, enis, instances, tgws, tgwAttachments, tgwRouteTables])
    for (const id of m.keys()) if (!ID.test(id)) fail(`${id}: not a realistic id (prefix + 17 hex digits)`);

  const vpcCidrs = (v: RawVpc) => (v.CidrBlockAssociationSet ?? []).map((c) => c.CidrBlock);
  const vpcCidrs6 = (v: RawVpc) => (v.Ipv6CidrBlockAssociationSet ?? []).map((c) => c.Ipv6CidrBlock);
  const subnetCidrs6 = (s: RawSubnet) => (s.Ipv6CidrBlockAssociationSet ?? []).map((c) => c.Ipv6CidrBlock);

  for (const a of snap.accounts.values()) {
    const own = (what: string, id: string, owner: string | undefined) => {
      if (owner !== a.id) fail(`${what} ${id}: OwnerId ${owner ?? '(none)'} in account ${a.id}'s files`);
    };
    const inAccountVpc = (what: string, id: string, vpcId: string): RawVpc | undefined => {
      const v = vpcs.get(vpcId);
      if (!v) fail(`${what} ${id}: VPC ${vpcId} does not exist`);
      else if (v.OwnerId !== a.id) fail(`${what} ${id}: VPC ${vpcId} belongs to ${v.OwnerId}, not ${a.id}`);
      return v;
    };
    const azOk = (what: string, id: string, az: string) => {
      if (!az.startsWith(a.region)) fail(`${what} ${id}: availability zone ${az} is not in ${a.region}`);
    };

    // VPCs and subnets
    const accountVpcs = a.list<RawVpc>('Vpcs');
    for (const v of accountVpcs) {
      own('VPC', v.VpcId, v.OwnerId);
      if (!vpcCidrs(v).includes(v.CidrBlock)) fail(`VPC ${v.VpcId}: primary CIDR missing from CidrBlockAssociationSet`);
      for (const c of [...vpcCidrs(v), ...vpcCidrs6(v)]) if (!isCanonicalCidr(c)) fail(`VPC ${v.VpcId}: ${c} has host bits`);
    }
    const accountSubnets = a.list<RawSubnet>('Subnets');
    for (const s of accountSubnets) {
      own('subnet', s.SubnetId, s.OwnerId);
      azOk('subnet', s.SubnetId, s.AvailabilityZone);
      const v = inAccountVpc('subnet', s.SubnetId, s.VpcId);
      if (!isCanonicalCidr(s.CidrBlock)) fail(`subnet ${s.SubnetId}: ${s.CidrBlock} has host bits`);
      if (v && !vpcCidrs(v).some((c) => cidrInCidr(s.CidrBlock, c)))
        fail(`subnet ${s.SubnetId}: ${s.CidrBlock} is not inside VPC ${v.VpcId} (${vpcCidrs(v).join(', ')})`);
      for (const c6 of subnetCidrs6(s))
        if (!v || !vpcCidrs6(v).some((c) => cidrInCidr(c6, c)))
          fail(`subnet ${s.SubnetId}: IPv6 ${c6} is not inside its VPC's IPv6 CIDRs`);
      if (s.SubnetArn !== undefined && s.SubnetArn !== `arn:aws:ec2:${a.region}:${a.id}:subnet/${s.SubnetId}`)
        fail(`subnet ${s.SubnetId}: SubnetArn ${s.SubnetArn} does not match`);
    }
    for (const s of accountSubnets)
      for (const t of accountSubnets)
        if (s.SubnetId < t.SubnetId && s.VpcId === t.VpcId && cidrsOverlap(s.CidrBlock, t.CidrBlock))
          fail(`subnets ${s.SubnetId} and ${t.SubnetId} overlap (${s.CidrBlock}, ${t.CidrBlock})`);

    // gateways
    const igws = a.list<RawGateway>('InternetGateways');
    const eigws = a.list<RawGateway>('EgressOnlyInternetGateways');
    const nats = a.list<RawNat>('NatGateways');
    for (const g of [...igws, ...eigws]) {
      const gid = g.InternetGatewayId ?? g.EgressOnlyInternetGatewayId ?? '?';
      if (g.InternetGatewayId) own('internet gateway', gid, g.OwnerId);
      for (const att of g.Attachments) inAccountVpc('gateway', gid, att.VpcId);
    }
    const attachedTo = (gid: string) =>
      [...igws, ...eigws]
        .filter((g) => (g.InternetGatewayId ?? g.EgressOnlyInternetGatewayId) === gid)
        .flatMap((g) => g.Attachments.map((x) => x.VpcId));
    const addresses = a.list<RawAddress>('Addresses');
    for (const n of nats) {
      const s = subnets.get(n.SubnetId);
      if (!s || s.VpcId !== n.VpcId) fail(`NAT ${n.NatGatewayId}: subnet ${n.SubnetId} is not in ${n.VpcId}`);
      for (const x of n.NatGatewayAddresses) {
        const e = enis.get(x.NetworkInterfaceId);
        if (!e) fail(`NAT ${n.NatGatewayId}: ENI ${x.NetworkInterfaceId} missing`);
        else {
          if (e.InterfaceType !== 'nat_gateway') fail(`NAT ${n.NatGatewayId}: ENI ${e.NetworkInterfaceId} is ${e.InterfaceType}`);
          if (e.PrivateIpAddress !== x.PrivateIp || e.SubnetId !== n.SubnetId)
            fail(`NAT ${n.NatGatewayId}: ENI ${e.NetworkInterfaceId} address/subnet disagree`);
          if (x.PublicIp !== e.Association?.PublicIp) fail(`NAT ${n.NatGatewayId}: public IP disagrees with its ENI`);
        }
        if (x.AllocationId && !addresses.some((ad) => ad.AllocationId === x.AllocationId && ad.PublicIp === x.PublicIp))
          fail(`NAT ${n.NatGatewayId}: EIP ${x.AllocationId} not in Addresses`);
      }
    }
    for (const ad of addresses) {
      const e = ad.NetworkInterfaceId ? enis.get(ad.NetworkInterfaceId) : undefined;
      if (ad.NetworkInterfaceId && !e) fail(`EIP ${ad.PublicIp}: ENI ${ad.NetworkInterfaceId} missing`);
      if (e && !e.PrivateIpAddresses.some((p) => p.PrivateIpAddress === ad.PrivateIpAddress && p.Association?.PublicIp === ad.PublicIp))
        fail(`EIP ${ad.PublicIp}: not associated with ${ad.PrivateIpAddress} on ${e.NetworkInterfaceId}`);
    }

    // peerings as this account sees them
    const peerings = a.list<RawPeering>('VpcPeeringConnections');
    for (const p of peerings) {
      const sides = [p.RequesterVpcInfo, p.AccepterVpcInfo];
      if (!sides.some((s) => s.OwnerId === a.id)) fail(`peering ${p.VpcPeeringConnectionId}: account ${a.id} is neither side`);
      for (const side of sides) {
        if (!orgAccounts.has(side.OwnerId)) {
          if (snap.accounts.has(side.OwnerId)) fail(`peering ${p.VpcPeeringConnectionId}: outside account ${side.OwnerId} has data`);
          continue;
        }
        const v = vpcs.get(side.VpcId);
        if (!v || v.OwnerId !== side.OwnerId) {
          fail(`peering ${p.VpcPeeringConnectionId}: VPC ${side.VpcId} not found in account ${side.OwnerId}`);
          continue;
        }
        if (side.CidrBlock !== undefined && side.CidrBlock !== v.CidrBlock)
          fail(`peering ${p.VpcPeeringConnectionId}: CidrBlock ${side.CidrBlock} differs from VPC ${v.VpcId} (${v.CidrBlock})`);
        // both in-organization sides collect the same connection
        const other = snap.accounts.get(side.OwnerId);
        const copy = other?.list<RawPeering>('VpcPeeringConnections').find((x) => x.VpcPeeringConnectionId === p.VpcPeeringConnectionId);
        if (!copy) fail(`peering ${p.VpcPeeringConnectionId}: missing from account ${side.OwnerId}'s VpcPeeringConnections`);
        else if (
          copy.Status.Code !== p.Status.Code ||
          JSON.stringify(copy.RequesterVpcInfo) !== JSON.stringify(p.RequesterVpcInfo) ||
          JSON.stringify(copy.AccepterVpcInfo) !== JSON.stringify(p.AccepterVpcInfo)
        )
          fail(`peering ${p.VpcPeeringConnectionId}: accounts ${a.id} and ${side.OwnerId} disagree about it`);
      }
    }

    // route tables
    const tables = a.list<RawRouteTable>('RouteTables');
    const explicit = new Map<string, string>();
    for (const t of tables) {
      own('route table', t.RouteTableId, t.OwnerId);
      const v = inAccountVpc('route table', t.RouteTableId, t.VpcId);
      for (const as of t.Associations) {
        if (as.RouteTableId !== t.RouteTableId) fail(`route table ${t.RouteTableId}: association names ${as.RouteTableId}`);
        if (as.SubnetId === undefined) continue;
        const s = subnets.get(as.SubnetId);
        if (!s || s.VpcId !== t.VpcId) fail(`route table ${t.RouteTableId}: subnet ${as.SubnetId} is not in ${t.VpcId}`);
        if (explicit.has(as.SubnetId)) fail(`subnet ${as.SubnetId}: associated with two route tables`);
        explicit.set(as.SubnetId, t.RouteTableId);
      }
      const locals = t.Routes.filter((r) => r.GatewayId === 'local').map((r) => r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock);
      if (v && JSON.stringify(locals.sort()) !== JSON.stringify([...vpcCidrs(v), ...vpcCidrs6(v)].sort()))
        fail(`route table ${t.RouteTableId}: local routes ${locals.join(', ')} do not match the VPC CIDRs`);
      for (const r of t.Routes) {
        const dest = r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? '?';
        const where = `route table ${t.RouteTableId} route ${dest}`;
        if (r.GatewayId && r.GatewayId !== 'local' && !attachedTo(r.GatewayId).includes(t.VpcId))
          fail(`${where}: ${r.GatewayId} is not attached to ${t.VpcId}`);
        if (r.EgressOnlyInternetGatewayId && !attachedTo(r.EgressOnlyInternetGatewayId).includes(t.VpcId))
          fail(`${where}: ${r.EgressOnlyInternetGatewayId} is not attached to ${t.VpcId}`);
        if (r.NatGatewayId && !nats.some((n) => n.NatGatewayId === r.NatGatewayId && n.VpcId === t.VpcId))
          fail(`${where}: NAT ${r.NatGatewayId} is not in ${t.VpcId}`);
        if (r.TransitGatewayId) {
          if (!tgws.has(r.TransitGatewayId)) fail(`${where}: transit gateway ${r.TransitGatewayId} unknown`);
          if (!a.list<RawTgwVpcAttachment>('TransitGatewayVpcAttachments').some((x) => x.VpcId === t.VpcId && x.TransitGatewayId === r.TransitGatewayId))
            fail(`${where}: ${t.VpcId} has no attachment to ${r.TransitGatewayId}`);
        }
        if (r.VpcPeeringConnectionId) {
          const p = peerings.find((x) => x.VpcPeeringConnectionId === r.VpcPeeringConnectionId);
          if (!p) fail(`${where}: peering ${r.VpcPeeringConnectionId} not in this account's VpcPeeringConnections`);
          else if (p.RequesterVpcInfo.VpcId !== t.VpcId && p.AccepterVpcInfo.VpcId !== t.VpcId)
            fail(`${where}: peering ${p.VpcPeeringConnectionId} does not involve ${t.VpcId}`);
          else if (p.Status.Code !== 'active') fail(`${where}: peering ${p.VpcPeeringConnectionId} is ${p.Status.Code}`);
        }
        if (r.NetworkInterfaceId && !enis.has(r.NetworkInterfaceId)) fail(`${where}: ENI ${r.NetworkInterfaceId} missing`);
        if (r.InstanceId && !instances.has(r.InstanceId)) fail(`${where}: instance ${r.InstanceId} missing`);
      }
    }
    for (const v of accountVpcs) {
      const mains = tables.filter((t) => t.VpcId === v.VpcId && t.Associations.some((x) => x.Main));
      if (mains.length !== 1) fail(`VPC ${v.VpcId}: ${mains.length} main route tables (expected 1)`);
    }

    // network ACLs
    const nacls = a.list<RawNacl>('NetworkAcls');
    const naclOf = new Map<string, string>();
    for (const n of nacls) {
      own('NACL', n.NetworkAclId, n.OwnerId);
      const v = inAccountVpc('NACL', n.NetworkAclId, n.VpcId);
      for (const as of n.Associations) {
        const s = subnets.get(as.SubnetId);
        if (!s || s.VpcId !== n.VpcId) fail(`NACL ${n.NetworkAclId}: subnet ${as.SubnetId} is not in ${n.VpcId}`);
        if (naclOf.has(as.SubnetId)) fail(`subnet ${as.SubnetId}: associated with two NACLs`);
        naclOf.set(as.SubnetId, n.NetworkAclId);
      }
      const has = (egress: boolean, rule: number, action: string, cidr: string) =>
        n.Entries.some(
          (e) => e.Egress === egress && e.RuleNumber === rule && e.RuleAction === action && (e.CidrBlock ?? e.Ipv6CidrBlock) === cidr && e.Protocol === '-1',
        );
      for (const egress of [true, false]) {
        if (!has(egress, 32767, 'deny', '0.0.0.0/0')) fail(`NACL ${n.NetworkAclId}: no 32767 * deny (${egress ? 'egress' : 'ingress'})`);
        const ipv6 = v !== undefined && vpcCidrs6(v).length > 0;
        if (n.IsDefault) {
          if (!has(egress, 100, 'allow', '0.0.0.0/0')) fail(`default NACL ${n.NetworkAclId}: no rule 100 allow`);
          if (ipv6 !== has(egress, 101, 'allow', '::/0')) fail(`default NACL ${n.NetworkAclId}: IPv6 rule 101 ${ipv6 ? 'missing' : 'without IPv6'}`);
          if (ipv6 !== has(egress, 32768, 'deny', '::/0')) fail(`default NACL ${n.NetworkAclId}: IPv6 rule 32768 ${ipv6 ? 'missing' : 'without IPv6'}`);
        }
      }
    }
    for (const v of accountVpcs)
      if (nacls.filter((n) => n.VpcId === v.VpcId && n.IsDefault).length !== 1) fail(`VPC ${v.VpcId}: expected one default NACL`);
    for (const s of accountSubnets) if (!naclOf.has(s.SubnetId)) fail(`subnet ${s.SubnetId}: no NACL association`);

    // security groups
    const accountSgs = a.list<RawSg>('SecurityGroups');
    for (const g of accountSgs) {
      own('security group', g.GroupId, g.OwnerId);
      inAccountVpc('security group', g.GroupId, g.VpcId);
      for (const p of [...g.IpPermissions, ...g.IpPermissionsEgress])
        for (const pair of p.UserIdGroupPairs ?? [])
          if (!sgs.has(pair.GroupId)) fail(`security group ${g.GroupId}: references missing group ${pair.GroupId}`);
    }
    for (const v of accountVpcs)
      if (accountSgs.filter((g) => g.VpcId === v.VpcId && g.GroupName === 'default').length !== 1)
        fail(`VPC ${v.VpcId}: expected one default security group`);

    // ENIs
    const accountEnis = a.list<RawEni>('NetworkInterfaces');
    for (const e of accountEnis) {
      const id = e.NetworkInterfaceId;
      own('ENI', id, e.OwnerId);
      const s = subnets.get(e.SubnetId);
      if (!s) {
        fail(`ENI ${id}: subnet ${e.SubnetId} missing`);
        continue;
      }
      if (s.VpcId !== e.VpcId) fail(`ENI ${id}: VpcId ${e.VpcId} but subnet ${s.SubnetId} is in ${s.VpcId}`);
      if (s.AvailabilityZone !== e.AvailabilityZone) fail(`ENI ${id}: AZ differs from its subnet`);
      if (s.OwnerId !== a.id) fail(`ENI ${id}: subnet ${s.SubnetId} is another account's`);
      const primary = e.PrivateIpAddresses.filter((p) => p.Primary);
      if (primary.length !== 1 || primary[0]!.PrivateIpAddress !== e.PrivateIpAddress) fail(`ENI ${id}: primary private IP inconsistent`);
      for (const p of e.PrivateIpAddresses)
        if (!ipInCidr(p.PrivateIpAddress, s.CidrBlock)) fail(`ENI ${id}: ${p.PrivateIpAddress} is outside subnet ${s.SubnetId} (${s.CidrBlock})`);
      for (const x of e.Ipv6Addresses)
        if (!subnetCidrs6(s).some((c) => ipInCidr(x.Ipv6Address, c))) fail(`ENI ${id}: ${x.Ipv6Address} is outside the subnet's IPv6 CIDRs`);
      if (e.Association?.PublicIp !== primary[0]?.Association?.PublicIp) fail(`ENI ${id}: Association differs from the primary IP's`);
      for (const g of e.Groups) {
        const sg = sgs.get(g.GroupId);
        if (!sg || sg.VpcId !== e.VpcId || sg.GroupName !== g.GroupName) fail(`ENI ${id}: group ${g.GroupId} (${g.GroupName}) not in ${e.VpcId}`);
      }
      const iid = e.Attachment?.InstanceId;
      if (iid !== undefined) {
        const inst = instances.get(iid);
        if (!inst) fail(`ENI ${id}: attached to missing instance ${iid}`);
        else if (!inst.NetworkInterfaces.some((n) => n.NetworkInterfaceId === id)) fail(`ENI ${id}: instance ${iid} does not list it`);
        if (e.Attachment?.InstanceOwnerId !== a.id) fail(`ENI ${id}: InstanceOwnerId is not ${a.id}`);
      } else if (e.InterfaceType === 'interface' && !e.Description.startsWith('ELB ') && e.Description !== 'RDSNetworkInterface')
        fail(`ENI ${id}: an interface ENI without an instance, load balancer or RDS owner`);
    }

    // instances
    for (const r of a.list<{ Instances: RawInstance[]; OwnerId: string }>('Reservations')) {
      if (r.OwnerId !== a.id) fail(`reservation in ${a.id}: OwnerId ${r.OwnerId}`);
      for (const i of r.Instances) {
        const id = i.InstanceId;
        const s = subnets.get(i.SubnetId);
        if (!s || s.VpcId !== i.VpcId || s.OwnerId !== a.id) fail(`instance ${id}: subnet ${i.SubnetId} is not ${a.id}'s in ${i.VpcId}`);
        if (s && s.AvailabilityZone !== i.Placement.AvailabilityZone) fail(`instance ${id}: placement AZ differs from its subnet`);
        if (i.NetworkInterfaces.length === 0) fail(`instance ${id}: no network interfaces`);
        for (const n of i.NetworkInterfaces) {
          const e = enis.get(n.NetworkInterfaceId);
          if (!e) fail(`instance ${id}: ENI ${n.NetworkInterfaceId} is not in NetworkInterfaces`);
          else if (e.Attachment?.InstanceId !== id) fail(`instance ${id}: ENI ${e.NetworkInterfaceId} is attached to ${e.Attachment?.InstanceId ?? 'nothing'}`);
          else if (e.PrivateIpAddress !== n.PrivateIpAddress) fail(`instance ${id}: ENI ${e.NetworkInterfaceId} private IP differs`);
        }
        const primary = i.NetworkInterfaces.map((n) => enis.get(n.NetworkInterfaceId)).find((e) => e?.Attachment?.DeviceIndex === 0);
        if (!primary) fail(`instance ${id}: no primary (device 0) ENI`);
        else {
          if (primary.PrivateIpAddress !== i.PrivateIpAddress) fail(`instance ${id}: PrivateIpAddress differs from its primary ENI`);
          if (primary.Association?.PublicIp !== i.PublicIpAddress) fail(`instance ${id}: PublicIpAddress differs from its primary ENI`);
          if (JSON.stringify(primary.Groups.map((g) => g.GroupId).sort()) !== JSON.stringify(i.SecurityGroups.map((g) => g.GroupId).sort()))
            fail(`instance ${id}: security groups differ from its primary ENI`);
        }
        if (i.IamInstanceProfile) {
          const role = profiles.get(i.IamInstanceProfile.Arn);
          if (!role || !i.IamInstanceProfile.Arn.includes(`::${a.id}:`)) fail(`instance ${id}: instance profile ${i.IamInstanceProfile.Arn} not in ${a.id}'s IAM`);
        }
      }
    }

    // VPC endpoints
    for (const ep of a.list<RawEndpoint>('VpcEndpoints')) {
      const id = ep.VpcEndpointId;
      own('endpoint', id, ep.OwnerId);
      inAccountVpc('endpoint', id, ep.VpcId);
      if (ep.PolicyDocument !== undefined) {
        try {
          JSON.parse(ep.PolicyDocument);
        } catch {
          fail(`endpoint ${id}: PolicyDocument is not a JSON string`);
        }
      }
      for (const sid of ep.SubnetIds) if (subnets.get(sid)?.VpcId !== ep.VpcId) fail(`endpoint ${id}: subnet ${sid} not in ${ep.VpcId}`);
      for (const g of ep.Groups) if (sgs.get(g.GroupId)?.VpcId !== ep.VpcId) fail(`endpoint ${id}: group ${g.GroupId} not in ${ep.VpcId}`);
      if (ep.VpcEndpointType === 'Interface') {
        if (ep.NetworkInterfaceIds.length !== ep.SubnetIds.length) fail(`endpoint ${id}: one ENI per subnet expected`);
        for (const eid of ep.NetworkInterfaceIds) {
          const e = enis.get(eid);
          if (!e || e.InterfaceType !== 'vpc_endpoint' || !e.Description.includes(id) || !ep.SubnetIds.includes(e.SubnetId))
            fail(`endpoint ${id}: ENI ${eid} missing or not this endpoint's`);
        }
      }
    }

    // transit gateway: attachments as this account sees them
    for (const t of a.list<RawTgwAttachment>('TransitGatewayAttachments')) {
      const id = t.TransitGatewayAttachmentId;
      const tgw = tgws.get(t.TransitGatewayId);
      if (!tgw || tgw.OwnerId !== t.TransitGatewayOwnerId) fail(`TGW attachment ${id}: transit gateway ${t.TransitGatewayId} unknown or owner differs`);
      if (a.id !== t.TransitGatewayOwnerId && a.id !== t.ResourceOwnerId) fail(`TGW attachment ${id}: seen by an unrelated account ${a.id}`);
      if (t.ResourceType === 'vpc' && vpcs.get(t.ResourceId)?.OwnerId !== t.ResourceOwnerId) fail(`TGW attachment ${id}: VPC ${t.ResourceId} not owned by ${t.ResourceOwnerId}`);
      const rtb = t.Association?.TransitGatewayRouteTableId;
      if (rtb !== undefined && tgwRouteTables.get(rtb)?.TransitGatewayId !== t.TransitGatewayId) fail(`TGW attachment ${id}: route table ${rtb} unknown`);
      const va = tgwVpcAttachments.get(id);
      if (t.ResourceType === 'vpc' && (!va || va.VpcId !== t.ResourceId)) fail(`TGW attachment ${id}: no matching TransitGatewayVpcAttachments record`);
    }
    for (const va of a.list<RawTgwVpcAttachment>('TransitGatewayVpcAttachments')) {
      const id = va.TransitGatewayAttachmentId;
      const azs = new Set<string>();
      for (const sid of va.SubnetIds) {
        const s = subnets.get(sid);
        if (!s || s.VpcId !== va.VpcId) {
          fail(`TGW attachment ${id}: subnet ${sid} not in ${va.VpcId}`);
          continue;
        }
        if (azs.has(s.AvailabilityZone)) fail(`TGW attachment ${id}: two subnets in ${s.AvailabilityZone}`);
        azs.add(s.AvailabilityZone);
        if (![...enis.values()].some((e) => e.SubnetId === sid && e.InterfaceType === 'transit_gateway' && e.Description.endsWith(id)))
          fail(`TGW attachment ${id}: no transit_gateway ENI in ${sid}`);
      }
    }
    for (const r of a.list<RawTgwRoutes>('TransitGatewayStaticRoutes')) {
      if (!tgwRouteTables.has(r.TransitGatewayRouteTableId)) fail(`static routes for unknown ${r.TransitGatewayRouteTableId}`);
      for (const x of r.Routes)
        for (const at of x.TransitGatewayAttachments ?? [])
          if (tgwAttachments.get(at.TransitGatewayAttachmentId)?.ResourceId !== at.ResourceId)
            fail(`TGW route ${x.DestinationCidrBlock} in ${r.TransitGatewayRouteTableId}: attachment ${at.TransitGatewayAttachmentId} unknown`);
    }
    for (const r of a.list<RawTgwPropagations>('TransitGatewayPropagations')) {
      if (!tgwRouteTables.has(r.TransitGatewayRouteTableId)) fail(`propagations for unknown ${r.TransitGatewayRouteTableId}`);
      for (const p of r.TransitGatewayRouteTablePropagations)
        if (tgwAttachments.get(p.TransitGatewayAttachmentId)?.ResourceId !== p.ResourceId)
          fail(`propagation into ${r.TransitGatewayRouteTableId}: attachment ${p.TransitGatewayAttachmentId} unknown`);
    }

    // load balancers
    const lbs = a.list<RawLb>('LoadBalancers');
    const tgs = a.list<RawTargetGroup>('TargetGroups');
    for (const lb of lbs) {
      inAccountVpc('load balancer', lb.LoadBalancerArn, lb.VpcId);
      if (!lb.LoadBalancerArn.startsWith(`arn:aws:elasticloadbalancing:${a.region}:${a.id}:loadbalancer/`)) fail(`load balancer ${lb.LoadBalancerArn}: ARN not in ${a.id}`);
      const suffix = lb.LoadBalancerArn.split(':loadbalancer/')[1]!;
      for (const z of lb.AvailabilityZones) {
        if (subnets.get(z.SubnetId)?.VpcId !== lb.VpcId) fail(`load balancer ${lb.LoadBalancerArn}: subnet ${z.SubnetId} not in ${lb.VpcId}`);
        if (!accountEnis.some((e) => e.SubnetId === z.SubnetId && e.Description === `ELB ${suffix}`))
          fail(`load balancer ${lb.LoadBalancerArn}: no ENI in ${z.SubnetId}`);
      }
      for (const g of lb.SecurityGroups ?? []) if (sgs.get(g)?.VpcId !== lb.VpcId) fail(`load balancer ${lb.LoadBalancerArn}: group ${g} not in ${lb.VpcId}`);
    }
    for (const l of a.list<RawListener>('Listeners')) {
      if (!lbs.some((lb) => lb.LoadBalancerArn === l.LoadBalancerArn)) fail(`listener ${l.ListenerArn}: load balancer missing`);
      for (const act of l.DefaultActions)
        if (act.TargetGroupArn && !tgs.some((g) => g.TargetGroupArn === act.TargetGroupArn)) fail(`listener ${l.ListenerArn}: target group ${act.TargetGroupArn} missing`);
    }
    for (const g of tgs) {
      inAccountVpc('target group', g.TargetGroupArn, g.VpcId);
      for (const arn of g.LoadBalancerArns) if (!lbs.some((lb) => lb.LoadBalancerArn === arn)) fail(`target group ${g.TargetGroupArn}: load balancer ${arn} missing`);
    }
    for (const h of a.list<RawTargetHealth>('LoadBalancerTargetHealth')) {
      const g = tgs.find((x) => x.TargetGroupArn === h.TargetGroupArn);
      if (!g) {
        fail(`target health for missing target group ${h.TargetGroupArn}`);
        continue;
      }
      for (const d of h.TargetHealthDescriptions) {
        const i = instances.get(d.Target.Id);
        if (g.TargetType === 'instance' && (!i || i.VpcId !== g.VpcId || i.State.Name !== 'running'))
          fail(`target group ${g.TargetGroupArn}: target ${d.Target.Id} is not a running instance in ${g.VpcId}`);
      }
    }

    // RDS
    for (const db of a.list<RawDb>('DBInstances')) {
      const vpcId = db.DBSubnetGroup.VpcId;
      inAccountVpc('DB instance', db.DBInstanceIdentifier, vpcId);
      const sids = db.DBSubnetGroup.Subnets.map((s) => s.SubnetIdentifier);
      for (const sid of sids) if (subnets.get(sid)?.VpcId !== vpcId) fail(`DB ${db.DBInstanceIdentifier}: subnet ${sid} not in ${vpcId}`);
      for (const g of db.VpcSecurityGroups) if (sgs.get(g.VpcSecurityGroupId)?.VpcId !== vpcId) fail(`DB ${db.DBInstanceIdentifier}: group ${g.VpcSecurityGroupId} not in ${vpcId}`);
      const rdsEni = accountEnis.find((e) => e.Description === 'RDSNetworkInterface' && sids.includes(e.SubnetId));
      if (!rdsEni) fail(`DB ${db.DBInstanceIdentifier}: no RDSNetworkInterface ENI in its subnets`);
      else if (JSON.stringify(rdsEni.Groups.map((g) => g.GroupId).sort()) !== JSON.stringify(db.VpcSecurityGroups.map((g) => g.VpcSecurityGroupId).sort()))
        fail(`DB ${db.DBInstanceIdentifier}: its ENI's groups differ`);
    }

    // Route 53 private hosted zones
    const zones = a.list<RawHostedZone>('HostedZones');
    for (const d of a.docs('HostedZone')) {
      const z = d.HostedZone as RawHostedZone;
      if (!zones.some((x) => x.Id === z.Id && x.Name === z.Name)) fail(`GetHostedZone ${z.Id}: not in HostedZones`);
      for (const v of (d.VPCs as { VPCId: string; VPCRegion: string }[] | undefined) ?? [])
        if (!vpcs.has(v.VPCId) || v.VPCRegion !== a.region) fail(`hosted zone ${z.Id}: associated VPC ${v.VPCId} unknown`);
    }
    for (const z of zones) if (!a.docs('HostedZone').some((d) => (d.HostedZone as RawHostedZone).Id === z.Id)) fail(`hosted zone ${z.Id}: no GetHostedZone output`);

    // IAM
    const policyArns = new Set(a.iam.policies.map((p) => p.Arn));
    for (const p of a.iam.policies)
      if (p.PolicyVersionList.filter((v) => v.IsDefaultVersion && typeof v.Document === 'object').length !== 1) fail(`policy ${p.Arn}: no default version document`);
    for (const r of a.iam.roles) {
      if (!r.Arn.startsWith(`arn:aws:iam::${a.id}:role/`)) fail(`role ${r.Arn}: not in account ${a.id}`);
      if (typeof r.AssumeRolePolicyDocument !== 'object') fail(`role ${r.Arn}: no trust policy document`);
      for (const m of r.AttachedManagedPolicies) if (!policyArns.has(m.PolicyArn)) fail(`role ${r.Arn}: attached ${m.PolicyArn} not in Policies`);
      for (const p of r.InstanceProfileList) {
        if (!p.Roles.some((x) => x.Arn === r.Arn)) fail(`instance profile ${p.Arn}: does not hold role ${r.Arn}`);
        if (p.Arn !== `arn:aws:iam::${a.id}:instance-profile/${p.InstanceProfileName}`) fail(`instance profile ${p.Arn}: ARN does not match its name`);
      }
    }
  }
  return problems;
}
