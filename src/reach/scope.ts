// Network Access Analyzer access scopes, evaluated on the estate: MatchPaths / ExcludePaths with
// Source, Destination and ThroughResources statements (ResourceStatement {Resources, ResourceTypes},
// PacketHeaderStatement {Source/DestinationAddresses, Source/DestinationPorts, Source/Destination-
// PrefixLists, Protocols}); findings in the AnalysisFindings shape of
// GetNetworkInsightsAccessScopeAnalysisFindings. Paths considered: internet ingress (exposures),
// internet egress from every ENI, and — perimeter extension, docs/scope-extension.md — paths to an
// AWS service (`ServiceStatement`), through an interface/gateway endpoint or over the internet.
// https://docs.aws.amazon.com/vpc/latest/network-access-analyzer/what-is-network-access-analyzer.html
import { createHash } from 'node:crypto';
import type { Estate, IpVersion, NetworkInterface, VpcEndpoint } from '../estate/model.js';
import { BigIntervalSet, IntervalSet, parseProtocol, tryParseCidr, TCP, UDP } from '../net/index.js';
import { reachContext, type ReachContext } from './context.js';
import { subnetEgress } from './egress.js';
import { computeExposure } from './exposure.js';
import { internetAddresses } from './internet-ingress.js';

// ---- scope input --------------------------------------------------------------------------------

export interface ResourceStatement {
  readonly Resources?: readonly string[];
  readonly ResourceTypes?: readonly string[];
}

export interface PacketHeaderStatement {
  readonly SourceAddresses?: readonly string[];
  readonly DestinationAddresses?: readonly string[];
  readonly SourcePorts?: readonly string[];
  readonly DestinationPorts?: readonly string[];
  readonly SourcePrefixLists?: readonly string[];
  readonly DestinationPrefixLists?: readonly string[];
  readonly Protocols?: readonly string[];
}

/** perimeter extension: the destination is an AWS service ("sqs", "com.amazonaws.us-east-1.sqs"). */
export interface ServiceStatement {
  readonly Services: readonly string[];
}

export interface PathStatement {
  readonly ResourceStatement?: ResourceStatement;
  readonly PacketHeaderStatement?: PacketHeaderStatement;
  readonly ServiceStatement?: ServiceStatement;
}

export interface AccessScopePath {
  readonly Source?: PathStatement;
  readonly Destination?: PathStatement;
  readonly ThroughResources?: readonly { readonly ResourceStatement?: ResourceStatement }[];
}

export interface AccessScope {
  readonly NetworkInsightsAccessScopeId?: string;
  readonly MatchPaths?: readonly AccessScopePath[];
  readonly ExcludePaths?: readonly AccessScopePath[];
}

export class ScopeError extends Error {
  override readonly name = 'ScopeError';
}

// ---- findings output ----------------------------------------------------------------------------

export interface FindingComponent {
  readonly SequenceNumber: number;
  readonly Component: { readonly Id: string; readonly Arn?: string };
  readonly Vpc?: { readonly Id: string };
  readonly Subnet?: { readonly Id: string };
  readonly OutboundHeader?: {
    readonly Protocol: string;
    readonly SourceAddresses?: readonly string[];
    readonly DestinationAddresses?: readonly string[];
    readonly DestinationPortRanges?: readonly { readonly From: number; readonly To: number }[];
  };
  readonly AdditionalDetails?: readonly {
    readonly AdditionalDetailType: string;
    readonly Component?: { readonly Id: string };
  }[];
}

export interface AnalysisFinding {
  readonly NetworkInsightsAccessScopeAnalysisId?: string;
  readonly NetworkInsightsAccessScopeId?: string;
  readonly FindingId: string;
  readonly FindingComponents: readonly FindingComponent[];
}

// ---- paths --------------------------------------------------------------------------------------

interface Node {
  readonly id: string;
  readonly type: string;
  readonly arn?: string;
  readonly vpcId?: string;
  readonly subnetId?: string;
  readonly accountId?: string;
}

interface Path {
  readonly nodes: readonly Node[];
  /** How many leading nodes are the source (instance + ENI, or the IGW) and trailing ones the destination. */
  readonly srcCount: number;
  readonly dstCount: number;
  readonly protocol: number | 'all';
  readonly ports: IntervalSet;
  readonly src: {
    readonly version: IpVersion;
    readonly addrs: BigIntervalSet;
    readonly text: readonly string[];
  };
  readonly dst: {
    readonly version: IpVersion;
    readonly addrs: BigIntervalSet;
    readonly text: readonly string[];
  };
  /** For service paths: the service name (com.amazonaws.<region>.<svc>). */
  readonly service?: string;
}

const TYPES: Readonly<Record<string, string>> = {
  igw: 'AWS::EC2::InternetGateway',
  eigw: 'AWS::EC2::EgressOnlyInternetGateway',
  eni: 'AWS::EC2::NetworkInterface',
  instance: 'AWS::EC2::Instance',
  rtb: 'AWS::EC2::RouteTable',
  acl: 'AWS::EC2::NetworkAcl',
  sg: 'AWS::EC2::SecurityGroup',
  subnet: 'AWS::EC2::Subnet',
  vpc: 'AWS::EC2::VPC',
  tgw: 'AWS::EC2::TransitGateway',
  'tgw-attach': 'AWS::EC2::TransitGatewayAttachment',
  'tgw-rtb': 'AWS::EC2::TransitGatewayRouteTable',
  nat: 'AWS::EC2::NatGateway',
  vpce: 'AWS::EC2::VPCEndpoint',
  pcx: 'AWS::EC2::VPCPeeringConnection',
  lb: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  tg: 'AWS::ElasticLoadBalancingV2::TargetGroup',
  rds: 'AWS::RDS::DBInstance',
};

const ARN_KINDS: Readonly<Record<string, string>> = {
  igw: 'internet-gateway',
  eigw: 'egress-only-internet-gateway',
  eni: 'network-interface',
  instance: 'instance',
  rtb: 'route-table',
  acl: 'network-acl',
  sg: 'security-group',
  subnet: 'subnet',
  vpc: 'vpc',
  tgw: 'transit-gateway',
  'tgw-attach': 'transit-gateway-attachment',
  'tgw-rtb': 'transit-gateway-route-table',
  nat: 'natgateway',
  vpce: 'vpc-endpoint',
  pcx: 'vpc-peering-connection',
};

function kindOf(id: string): string {
  if (id.startsWith('arn:aws:elasticloadbalancing') && id.includes(':loadbalancer/')) return 'lb';
  if (id.startsWith('arn:aws:elasticloadbalancing') && id.includes(':targetgroup/')) return 'tg';
  if (id.startsWith('i-')) return 'instance';
  const m = /^([a-z]+(?:-[a-z]+)?)-[0-9a-z]+$/.exec(id);
  const k = m?.[1] ?? '';
  if (k === 'tgw-attach' || k === 'tgw-rtb') return k;
  return k.split('-')[0] ?? '';
}

function nodeOf(
  estate: Estate,
  id: string,
  where?: { accountId?: string; region?: string; vpcId?: string; subnetId?: string },
): Node {
  const kind = kindOf(id);
  const type = TYPES[kind] ?? (estate.dbInstances.has(id) ? TYPES.rds! : 'unknown');
  const arnKind = ARN_KINDS[kind];
  const arn =
    kind === 'lb' || kind === 'tg'
      ? id
      : arnKind && where?.accountId && where.region
        ? `arn:aws:ec2:${where.region}:${where.accountId}:${arnKind}/${id}`
        : undefined;
  return { id, type, arn, vpcId: where?.vpcId, subnetId: where?.subnetId, accountId: where?.accountId };
}

function setOf(texts: readonly string[], version: IpVersion): BigIntervalSet {
  const r: [bigint, bigint][] = [];
  for (const t of texts) {
    const c = tryParseCidr(t);
    if (c && c.version === version) r.push([c.first, c.last]);
  }
  return BigIntervalSet.fromRanges(r);
}

/** Internet ingress paths: one per exposure. */
function ingressPaths(ctx: ReachContext): Path[] {
  const estate = ctx.estate;
  return computeExposure(estate).map((e) => {
    const where = { accountId: e.accountId, region: e.region, vpcId: e.vpcId };
    const nodes = e.via.filter((v) => !v.startsWith('not modelled')).map((v) => nodeOf(estate, v, where));
    const last = e.resourceId;
    const eniLast = nodes[nodes.length - 1]?.id.startsWith('eni-') === true;
    if (nodes[nodes.length - 1]?.id !== last) nodes.push(nodeOf(estate, last, where));
    const p = parseProtocol(e.protocol);
    return {
      nodes,
      srcCount: 1,
      dstCount: eniLast && nodes[nodes.length - 1]?.id !== nodes[nodes.length - 2]?.id ? 2 : 1,
      protocol: p,
      ports: IntervalSet.fromRanges(e.ports.map((x) => [x.from, x.to] as const)),
      src: {
        version: e.ipVersion,
        addrs: internetAddresses(e.ipVersion),
        text: [e.ipVersion === 4 ? '0.0.0.0/0' : '::/0'],
      },
      dst: { version: e.ipVersion, addrs: setOf([e.address], e.ipVersion), text: [e.address] },
    };
  });
}

function eniSourceNodes(estate: Estate, eni: NetworkInterface): Node[] {
  const where = { accountId: eni.accountId, region: eni.region, vpcId: eni.vpcId, subnetId: eni.subnetId };
  const nodes: Node[] = [];
  const inst = eni.attachment?.instanceId;
  if (inst) nodes.push(nodeOf(estate, inst, where));
  nodes.push(nodeOf(estate, eni.id, where));
  for (const sg of eni.securityGroupIds) nodes.push(nodeOf(estate, sg, where));
  const acl = estate.index.naclBySubnet.get(eni.subnetId);
  if (acl) nodes.push(nodeOf(estate, acl, where));
  nodes.push(nodeOf(estate, eni.subnetId, where));
  return nodes;
}

function privateSet(eni: NetworkInterface, version: IpVersion): { addrs: BigIntervalSet; text: string[] } {
  const text = version === 4 ? eni.privateIps.map((p) => p.privateIp) : eni.ipv6Addresses.slice();
  return { addrs: setOf(text, version), text };
}

/** ENIs that never originate calls of their own (AWS-managed forwarding interfaces). */
const NOT_A_CALLER = new Set([
  'vpc_endpoint',
  'nat_gateway',
  'transit_gateway',
  'gateway_load_balancer',
  'gateway_load_balancer_endpoint',
  'network_load_balancer',
]);

/** Internet egress paths from every ENI whose subnet reaches an IGW/NAT/EIGW (TCP and UDP). */
function egressPaths(ctx: ReachContext): Path[] {
  const estate = ctx.estate;
  const out: Path[] = [];
  for (const eni of estate.networkInterfaces.values()) {
    if (eni.interfaceType === 'transit_gateway') continue;
    const subnet = estate.subnets.get(eni.subnetId);
    if (!subnet) continue;
    for (const version of [4, 6] as const) {
      const e = subnetEgress(ctx, subnet, version);
      if (e.kind === 'none') continue;
      const src = privateSet(eni, version);
      if (src.addrs.isEmpty()) continue;
      const where = { accountId: eni.accountId, region: eni.region, vpcId: eni.vpcId };
      const nodes = [...eniSourceNodes(estate, eni), ...e.path.map((id) => nodeOf(estate, id, where))];
      for (const protocol of [TCP, UDP]) {
        out.push({
          nodes,
          srcCount: eni.attachment?.instanceId ? 2 : 1,
          dstCount: 1,
          protocol,
          ports: IntervalSet.range(0, 65535),
          src: { version, ...src },
          dst: { version, addrs: internetAddresses(version), text: [version === 4 ? '0.0.0.0/0' : '::/0'] },
        });
      }
    }
  }
  return out;
}

/** "sqs" or "com.amazonaws.us-east-1.sqs" → does the endpoint service name denote it in `region`? */
export function serviceMatches(wanted: string, serviceName: string, region: string): boolean {
  const w = wanted.toLowerCase();
  if (w.includes('.')) return w === serviceName.toLowerCase();
  return serviceName.toLowerCase() === `com.amazonaws.${region}.${w}`;
}

function serviceFullName(wanted: string, region: string): string {
  return wanted.includes('.') ? wanted : `com.amazonaws.${region}.${wanted.toLowerCase()}`;
}

/**
 * Paths from every ENI to an AWS service: through an interface endpoint that resolves for the VPC
 * (private DNS in the VPC, or a private hosted zone for the service associated with it), a gateway
 * endpoint routed by the subnet (S3, DynamoDB), else over the internet when the subnet has egress.
 */
function servicePaths(ctx: ReachContext, services: readonly string[]): Path[] {
  const estate = ctx.estate;
  const out: Path[] = [];
  const endpointsByRegion = new Map<string, VpcEndpoint[]>();
  for (const ep of estate.vpcEndpoints.values()) {
    const list = endpointsByRegion.get(ep.region) ?? [];
    list.push(ep);
    endpointsByRegion.set(ep.region, list);
  }
  for (const eni of estate.networkInterfaces.values()) {
    if (NOT_A_CALLER.has(eni.interfaceType) || (eni.description ?? '').startsWith('ELB ')) continue;
    const subnet = estate.subnets.get(eni.subnetId);
    if (!subnet) continue;
    const src = privateSet(eni, 4);
    if (src.addrs.isEmpty()) continue;
    const where = { accountId: eni.accountId, region: eni.region, vpcId: eni.vpcId };
    for (const svc of services) {
      const full = serviceFullName(svc, eni.region);
      const eps = (endpointsByRegion.get(eni.region) ?? []).filter((ep) =>
        serviceMatches(svc, ep.serviceName, eni.region),
      );
      const route = (ids: string[]): Node[] => ids.map((id) => nodeOf(estate, id, where));
      let via: Node[] | undefined;
      // 1. An interface endpoint in the same VPC with private DNS answers for the service name.
      const local = eps.find(
        (ep) => ep.vpcId === eni.vpcId && ep.type === 'Interface' && ep.privateDnsEnabled,
      );
      if (local) via = route([...local.networkInterfaceIds.slice(0, 1), local.id]);
      // 2. A gateway endpoint routed by the subnet's route table.
      if (!via) {
        const rt = estate.index.routeTableBySubnet.get(eni.subnetId);
        const gw = eps.find(
          (ep) => ep.type === 'Gateway' && rt !== undefined && ep.routeTableIds.includes(rt),
        );
        if (gw && rt) via = route([rt, gw.id]);
      }
      // 3. A hub interface endpoint whose private hosted zone is associated with this VPC (seed 004).
      if (!via) {
        for (const ep of eps) {
          if (ep.type !== 'Interface' || ep.vpcId === eni.vpcId) continue;
          const dns = `${full.split('.').slice(3).join('.')}.${eni.region}.amazonaws.com`;
          const zone = [...estate.hostedZones.values()].find(
            (z) =>
              z.privateZone &&
              z.name.replace(/\.$/, '') === dns &&
              (z.vpcs ?? []).some((v) => v.vpcId === eni.vpcId),
          );
          if (zone) {
            const e = subnetEgress(ctx, subnet, 4);
            const viaTgw = e.path.filter(
              (id) => id.startsWith('tgw-') && !id.startsWith('tgw-rtb') && !id.startsWith('tgw-attach'),
            );
            via = route([
              estate.index.routeTableBySubnet.get(eni.subnetId) ?? eni.subnetId,
              ...viaTgw,
              ...ep.networkInterfaceIds.slice(0, 1),
              ep.id,
            ]);
            break;
          }
        }
      }
      // 4. Otherwise the public endpoint, over the subnet's internet egress.
      if (!via) {
        const e = subnetEgress(ctx, subnet, 4);
        if (e.kind === 'none') continue;
        via = route([...e.path]);
      }
      out.push({
        nodes: [...eniSourceNodes(estate, eni), ...via, { id: full, type: 'AWS::Service' }],
        srcCount: eni.attachment?.instanceId ? 2 : 1,
        dstCount: 1,
        protocol: TCP,
        ports: IntervalSet.single(443),
        src: { version: 4, ...src },
        dst: { version: 4, addrs: internetAddresses(4), text: [full] },
        service: full,
      });
    }
  }
  return out;
}

// ---- matching -----------------------------------------------------------------------------------

function resourceMatches(rs: ResourceStatement | undefined, nodes: readonly Node[]): boolean {
  if (!rs) return true;
  const ids = rs.Resources ?? [];
  const types = rs.ResourceTypes ?? [];
  return nodes.some(
    (n) =>
      (ids.length === 0 ||
        ids.some(
          (r) => r === n.id || r === n.arn || r === n.vpcId || r === n.subnetId || r === n.accountId,
        )) &&
      (types.length === 0 || types.includes(n.type)),
  );
}

function portsOf(list: readonly string[] | undefined): IntervalSet | undefined {
  if (!list || list.length === 0) return undefined;
  let s = IntervalSet.empty();
  for (const t of list) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(t.trim());
    if (!m) throw new ScopeError(`port ${JSON.stringify(t)} is not valid (expected "443" or "1024-65535")`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from > to || to > 65535)
      throw new ScopeError(`port range ${JSON.stringify(t)} is not valid (expected 0-65535, from <= to)`);
    s = s.union(IntervalSet.range(from, to));
  }
  return s;
}

function addrsOf(
  estate: Estate,
  cidrs: readonly string[] | undefined,
  pls: readonly string[] | undefined,
  version: IpVersion,
): BigIntervalSet | undefined {
  if ((!cidrs || cidrs.length === 0) && (!pls || pls.length === 0)) return undefined;
  const texts = [...(cidrs ?? [])];
  for (const id of pls ?? []) {
    const pl = estate.prefixLists.get(id);
    if (!pl || !pl.entriesKnown)
      throw new ScopeError(`prefix list ${id} has no entries in the snapshot (not modelled)`);
    texts.push(...pl.cidrs);
  }
  for (const t of cidrs ?? [])
    if (!tryParseCidr(t))
      throw new ScopeError(`address ${JSON.stringify(t)} is not a CIDR (expected e.g. 10.0.0.0/16)`);
  return setOf(texts, version);
}

/** The part of the path's destination ports that a path statement matches (empty = no match). */
function matchPorts(estate: Estate, path: Path, sp: AccessScopePath): IntervalSet {
  const src = path.nodes.slice(0, path.srcCount);
  const dst = path.nodes.slice(path.nodes.length - path.dstCount);
  const through = path.nodes.slice(path.srcCount, path.nodes.length - path.dstCount);
  if (!resourceMatches(sp.Source?.ResourceStatement, src)) return IntervalSet.empty();
  if (sp.Destination?.ServiceStatement) {
    if (!path.service) return IntervalSet.empty();
    const region = path.service.split('.')[2] ?? '';
    if (!sp.Destination.ServiceStatement.Services.some((x) => serviceMatches(x, path.service!, region))) {
      return IntervalSet.empty();
    }
  } else if (path.service) {
    // Service paths answer only scopes that ask for a service.
    return IntervalSet.empty();
  }
  if (!resourceMatches(sp.Destination?.ResourceStatement, dst)) return IntervalSet.empty();
  for (const t of sp.ThroughResources ?? [])
    if (!resourceMatches(t.ResourceStatement, through)) return IntervalSet.empty();
  let ports = path.ports;
  for (const st of [sp.Source?.PacketHeaderStatement, sp.Destination?.PacketHeaderStatement]) {
    if (!st) continue;
    if (st.Protocols && st.Protocols.length > 0) {
      const ps = st.Protocols.map((x) => parseProtocol(x));
      if (!ps.includes(path.protocol) && !ps.includes('all')) return IntervalSet.empty();
    }
    const sa = addrsOf(estate, st.SourceAddresses, st.SourcePrefixLists, path.src.version);
    if (sa && !sa.overlaps(path.src.addrs)) return IntervalSet.empty();
    const da = addrsOf(estate, st.DestinationAddresses, st.DestinationPrefixLists, path.dst.version);
    if (da && !da.overlaps(path.dst.addrs)) return IntervalSet.empty();
    const dp = portsOf(st.DestinationPorts);
    if (dp) ports = ports.intersect(dp);
    // Source ports: clients use ephemeral ports; a statement restricting them matches when it overlaps.
    const sport = portsOf(st.SourcePorts);
    if (sport && !sport.overlaps(IntervalSet.range(1024, 65535))) return IntervalSet.empty();
  }
  return ports;
}

/** Resource types the path model has nodes for. */
const modelledResourceTypes: ReadonlySet<string> = new Set([
  'AWS::EC2::EgressOnlyInternetGateway',
  'AWS::EC2::Instance',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::NatGateway',
  'AWS::EC2::NetworkAcl',
  'AWS::EC2::NetworkInterface',
  'AWS::EC2::RouteTable',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::Subnet',
  'AWS::EC2::TransitGateway',
  'AWS::EC2::TransitGatewayAttachment',
  'AWS::EC2::TransitGatewayRouteTable',
  'AWS::EC2::VPC',
  'AWS::EC2::VPCEndpoint',
  'AWS::EC2::VPCPeeringConnection',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::RDS::DBInstance',
]);

function validate(scope: unknown): AccessScope {
  if (typeof scope !== 'object' || scope === null || Array.isArray(scope)) {
    throw new ScopeError('the access scope must be a JSON object with MatchPaths and/or ExcludePaths');
  }
  const s = scope as Record<string, unknown>;
  const known = new Set([
    'NetworkInsightsAccessScopeId',
    'MatchPaths',
    'ExcludePaths',
    'NetworkInsightsAccessScopeArn',
    'Tags',
  ]);
  for (const k of Object.keys(s))
    if (!known.has(k))
      throw new ScopeError(
        `unknown key ${JSON.stringify(k)} in the access scope (expected MatchPaths, ExcludePaths)`,
      );
  for (const key of ['MatchPaths', 'ExcludePaths'] as const) {
    if (s[key] !== undefined && !Array.isArray(s[key]))
      throw new ScopeError(`${key} must be an array of paths`);
  }
  // A resource type we do not model would match nothing and silently report "no findings".
  for (const key of ['MatchPaths', 'ExcludePaths'] as const) {
    const paths = (s[key] ?? []) as readonly Record<
      string,
      { ResourceStatement?: ResourceStatement } | undefined
    >[];
    paths.forEach((path, i) => {
      for (const part of ['Source', 'Destination', 'ThroughResources'] as const) {
        const statements =
          part === 'ThroughResources'
            ? ((path[part] as unknown as readonly { ResourceStatement?: ResourceStatement }[] | undefined) ??
              [])
            : [path[part]];
        for (const st of statements) {
          for (const t of st?.ResourceStatement?.ResourceTypes ?? []) {
            if (!modelledResourceTypes.has(t)) {
              throw new ScopeError(
                `${key}[${i}].${part}: resource type ${JSON.stringify(t)} is not modelled (expected one of: ${[...modelledResourceTypes].join(', ')})`,
              );
            }
          }
        }
      }
    });
  }
  return s as AccessScope;
}

// ---- entry point --------------------------------------------------------------------------------

export function runAccessScope(estate: Estate, input: unknown): { AnalysisFindings: AnalysisFinding[] } {
  const scope = validate(input);
  const ctx = reachContext(estate);
  const all = [...(scope.MatchPaths ?? []), ...(scope.ExcludePaths ?? [])];
  const services = [...new Set(all.flatMap((p) => p.Destination?.ServiceStatement?.Services ?? []))].sort();
  const paths: Path[] = [
    ...ingressPaths(ctx),
    ...egressPaths(ctx),
    ...(services.length ? servicePaths(ctx, services) : []),
  ];
  const match = scope.MatchPaths && scope.MatchPaths.length > 0 ? scope.MatchPaths : [{}];
  const findings: AnalysisFinding[] = [];
  const scopeId = scope.NetworkInsightsAccessScopeId ?? 'nsis-perimeter-local';
  for (const path of paths) {
    let ports = IntervalSet.empty();
    for (const m of match) ports = ports.union(matchPorts(estate, path, m));
    if (ports.isEmpty()) continue;
    for (const x of scope.ExcludePaths ?? []) ports = ports.subtract(matchPorts(estate, path, x));
    if (ports.isEmpty()) continue;
    findings.push(toFinding(path, ports, scopeId));
  }
  findings.sort((a, b) => (a.FindingId < b.FindingId ? -1 : a.FindingId > b.FindingId ? 1 : 0));
  return { AnalysisFindings: findings };
}

function toFinding(path: Path, ports: IntervalSet, scopeId: string): AnalysisFinding {
  const header = {
    Protocol: path.protocol === 'all' ? '-1' : String(path.protocol),
    SourceAddresses: [...path.src.text],
    DestinationAddresses: [...path.dst.text],
    DestinationPortRanges: ports.ranges().map(([From, To]) => ({ From, To })),
  };
  const components: FindingComponent[] = path.nodes.map((n, i) => ({
    SequenceNumber: i + 1,
    Component: { Id: n.id, ...(n.arn ? { Arn: n.arn } : {}) },
    ...(n.vpcId && n.type !== 'AWS::EC2::VPC' ? { Vpc: { Id: n.vpcId } } : {}),
    ...(i === 0 ? { OutboundHeader: header } : {}),
  }));
  const key = `${path.nodes.map((n) => n.id).join('>')}|${header.Protocol}|${ports.toString()}`;
  const FindingId = `AnalysisFinding-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
  return {
    NetworkInsightsAccessScopeAnalysisId: 'nsaa-perimeter-local',
    NetworkInsightsAccessScopeId: scopeId,
    FindingId,
    FindingComponents: components,
  };
}
