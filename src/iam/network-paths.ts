// The network paths a principal's credentials can take to an AWS service API, derived from the
// estate: for each running instance using the role's instance profile, its subnet's internet egress
// (NAT → the NAT's public IP as aws:SourceIp; IGW → the instance's public IP), the interface and
// gateway endpoints for the service in its own VPC, and hub endpoints reached through a Route 53
// private hosted zone associated with its VPC (aws:SourceVpc = the HUB VPC); plus the paths stolen
// credentials take: from the internet, from an attacker's own AWS account, and a call an AWS
// service makes on the principal's behalf.
//
// Internet egress comes from the reachability engine, injected as `egressOf` (iam/ does not import
// reach/, DESIGN.md module boundaries): the CLI and the checks pass reach's computeEgress.
import type { Estate, IamRole, IamUser, Instance, VpcEndpoint } from '../estate/model.js';
import type { Credential, Known, NetworkPath } from './context.js';
import { UNKNOWN } from './request.js';

export interface EgressInfo {
  readonly kind: 'igw' | 'nat' | 'eigw' | 'none';
  readonly path: readonly string[];
  /** Public source addresses (NAT gateway EIPs), when known. */
  readonly sourceIps?: readonly string[];
}
export type EgressLookup = (subnetId: string) => EgressInfo | undefined;

export type PathKind =
  'own-internet' | 'own-endpoint' | 'hub-endpoint' | 'aws-service' | 'stolen-internet' | 'attacker-account';

export interface SimPath {
  /** Stable id, e.g. `i-0abc/nat-0123`, `i-0abc/vpce-0456`, `stolen/internet`. */
  readonly id: string;
  readonly kind: PathKind;
  readonly label: string;
  readonly instanceId?: string;
  readonly credential: Credential;
  readonly network: NetworkPath;
  readonly viaAwsService: boolean;
  /** The endpoint whose policy applies (own or hub endpoint). */
  readonly endpoint?: VpcEndpoint;
  /** Resource ids along the path. */
  readonly hops: readonly string[];
  /** What is unknown or assumed on this path. */
  readonly notes: readonly string[];
}

/** Stands for "an address outside every network you own" (RFC 5737 TEST-NET-1). */
export const ATTACKER_IP = '192.0.2.1';

/** Endpoint service suffixes for an IAM service prefix (most are equal; a few differ). */
function endpointServices(service: string): string[] {
  const alias: Record<string, string[]> = {
    ecr: ['ecr.api', 'ecr.dkr'],
    monitoring: ['monitoring'],
    'execute-api': ['execute-api'],
  };
  return alias[service] ?? [service];
}

/** `com.amazonaws.us-east-1.sqs` → `sqs` (the part after the region). */
export function endpointServiceOf(serviceName: string): string | undefined {
  const m = /^com\.amazonaws\.[a-z0-9-]+\.(.+)$/.exec(serviceName);
  return m?.[1];
}

/** The private DNS zone a hub endpoint is served through: `sqs.us-east-1.amazonaws.com`. */
export function endpointZoneName(service: string, region: string): string {
  return `${service}.${region}.amazonaws.com`;
}

function liveEndpoint(ep: VpcEndpoint): boolean {
  return ep.state === undefined || ep.state.toLowerCase() === 'available';
}

function instanceArn(i: Instance): string {
  return `arn:aws:ec2:${i.region}:${i.ownerId ?? i.accountId}:instance/${i.id}`;
}

/** Running instances that use one of the role's instance profiles, sorted by id. */
export function instancesOfRole(estate: Estate, role: IamRole): Instance[] {
  const ids = new Set<string>();
  const profiles = new Set(role.instanceProfileArns);
  for (const p of estate.instanceProfiles.values()) if (p.roleArns.includes(role.arn)) profiles.add(p.arn);
  for (const p of profiles) for (const id of estate.index.instancesByProfile.get(p) ?? []) ids.add(id);
  return [...ids]
    .sort()
    .map((id) => estate.instances.get(id))
    .filter((i): i is Instance => i !== undefined && i.state === 'running');
}

export function credentialFor(principal: IamRole | IamUser, instance?: Instance): Credential {
  if ('instanceProfileArns' in principal) {
    const session = `arn:aws:sts::${principal.accountId}:assumed-role/${principal.name}/${instance ? instance.id : 'session'}`;
    if (instance) {
      return {
        kind: 'ec2-instance-role',
        roleArn: principal.arn,
        sessionArn: session,
        instanceArn: instanceArn(instance),
        instanceVpcId: instance.vpcId ?? UNKNOWN,
        instancePrivateIp: instance.privateIp ?? UNKNOWN,
        tags: principal.tags,
      };
    }
    return { kind: 'role', roleArn: principal.arn, sessionArn: session, tags: principal.tags };
  }
  return { kind: 'user', userArn: principal.arn, tags: principal.tags };
}

function natPublicIp(estate: Estate, egress: EgressInfo): Known<string> {
  if (egress.sourceIps && egress.sourceIps.length > 0) return egress.sourceIps[0] as string;
  for (const hop of egress.path) {
    const nat = estate.natGateways.get(hop);
    const ip = nat?.addresses.find((a) => a.publicIp !== undefined)?.publicIp;
    if (ip) return ip;
  }
  return UNKNOWN;
}

/** Every path for the principal's requests to `service` (the IAM service prefix of the action). */
export function networkPaths(
  estate: Estate,
  principal: IamRole | IamUser,
  service: string,
  egressOf: EgressLookup,
): { paths: SimPath[]; notes: string[] } {
  const paths: SimPath[] = [];
  const notes: string[] = [];
  const services = endpointServices(service.toLowerCase());
  const isRole = 'instanceProfileArns' in principal;
  const instances = isRole ? instancesOfRole(estate, principal) : [];
  if (isRole && instances.length === 0)
    notes.push(`no running instance uses ${principal.arn} through an instance profile`);
  if (!isRole)
    notes.push(
      `${principal.arn} is an IAM user: where its access keys are used is not in the estate, only the stolen-key paths are shown`,
    );

  for (const inst of instances) {
    const cred = credentialFor(principal, inst);
    const base = { instanceId: inst.id, credential: cred, viaAwsService: false };
    const privateIp: Known<string> = inst.privateIp ?? UNKNOWN;
    const own = inst.vpcId ? (estate.index.endpointsByVpc.get(inst.vpcId) ?? []) : [];
    const ownEndpoints = own
      .map((id) => estate.vpcEndpoints.get(id))
      .filter(
        (e): e is VpcEndpoint =>
          e !== undefined && liveEndpoint(e) && services.includes(endpointServiceOf(e.serviceName) ?? ''),
      );
    const routeTable = inst.subnetId ? estate.index.routeTableBySubnet.get(inst.subnetId) : undefined;
    let gatewayTakesOver = false;
    for (const ep of ownEndpoints.sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (ep.type === 'Gateway') {
        if (!routeTable || !ep.routeTableIds.includes(routeTable)) continue;
        gatewayTakesOver = true;
      }
      paths.push({
        ...base,
        id: `${inst.id}/${ep.id}`,
        kind: 'own-endpoint',
        label: `${inst.id} through its VPC's ${ep.type.toLowerCase()} endpoint ${ep.id}`,
        network: { kind: 'endpoint', endpointVpcId: ep.vpcId, endpointId: ep.id, vpcSourceIp: privateIp },
        endpoint: ep,
        hops: [inst.id, inst.subnetId ?? '?', ep.id],
        notes:
          ep.type === 'Interface' && !ep.privateDnsEnabled
            ? ['private DNS is off: only clients that use the endpoint-specific DNS name take this path']
            : [],
      });
    }
    // Hub endpoints through a private hosted zone associated with the instance's VPC.
    for (const z of [...estate.hostedZones.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (!z.privateZone || !inst.vpcId) continue;
      const zoneName = z.name.toLowerCase().replace(/\.$/, '');
      const svc = services.find((s) => zoneName === endpointZoneName(s, inst.region));
      if (!svc) continue;
      if (z.vpcs === undefined) {
        notes.push(
          `private hosted zone ${z.id} (${zoneName}): VPC associations not in the snapshot, so whether ${inst.id} resolves ${svc} to a hub endpoint is unknown`,
        );
        continue;
      }
      if (!z.vpcs.some((v) => v.vpcId === inst.vpcId)) continue;
      const hubs = [...estate.vpcEndpoints.values()]
        .filter(
          (e) =>
            e.vpcId !== inst.vpcId &&
            e.type === 'Interface' &&
            liveEndpoint(e) &&
            e.region === inst.region &&
            endpointServiceOf(e.serviceName) === svc &&
            z.vpcs!.some((v) => v.vpcId === e.vpcId),
        )
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      if (hubs.length === 0)
        notes.push(
          `private hosted zone ${z.id} (${zoneName}) is associated with ${inst.vpcId} but no ${svc} endpoint in another associated VPC is in the snapshot`,
        );
      for (const ep of hubs) {
        paths.push({
          ...base,
          id: `${inst.id}/${ep.id}`,
          kind: 'hub-endpoint',
          label: `${inst.id} through hub endpoint ${ep.id} in ${ep.vpcId} (private hosted zone ${zoneName})`,
          network: { kind: 'endpoint', endpointVpcId: ep.vpcId, endpointId: ep.id, vpcSourceIp: privateIp },
          endpoint: ep,
          hops: [inst.id, inst.subnetId ?? '?', z.id, ep.id],
          notes: [],
        });
      }
    }
    // Internet egress of the subnet.
    const egress = inst.subnetId ? egressOf(inst.subnetId) : undefined;
    if (!egress) notes.push(`${inst.id}: subnet ${inst.subnetId ?? '(unknown)'} egress is unknown`);
    else if (gatewayTakesOver)
      notes.push(
        `${inst.id}: the subnet routes ${service} to a gateway endpoint, so its ${egress.kind} egress is not used for ${service}`,
      );
    else if (egress.kind === 'nat') {
      const ip = natPublicIp(estate, egress);
      paths.push({
        ...base,
        id: `${inst.id}/${egress.path.find((h) => h.startsWith('nat-')) ?? 'nat'}`,
        kind: 'own-internet',
        label: `${inst.id} over the internet through NAT ${egress.path.filter((h) => h.startsWith('nat-')).join(', ') || '(unknown)'}${ip === UNKNOWN ? '' : ` (${ip})`}`,
        network: { kind: 'internet', sourceIp: ip },
        hops: [inst.id, ...egress.path],
        notes:
          ip === UNKNOWN ? ["the NAT's public address is not in the snapshot: aws:SourceIp unknown"] : [],
      });
    } else if (egress.kind === 'igw') {
      if (inst.publicIp) {
        paths.push({
          ...base,
          id: `${inst.id}/${egress.path.find((h) => h.startsWith('igw-')) ?? 'igw'}`,
          kind: 'own-internet',
          label: `${inst.id} over the internet through ${egress.path.filter((h) => h.startsWith('igw-')).join(', ') || 'the internet gateway'} (${inst.publicIp})`,
          network: { kind: 'internet', sourceIp: inst.publicIp },
          hops: [inst.id, ...egress.path],
          notes: [],
        });
      } else
        notes.push(
          `${inst.id}: the subnet routes to an internet gateway but the instance has no public IPv4, so it cannot reach the internet`,
        );
    } else if (egress.kind === 'none') {
      notes.push(`${inst.id}: subnet ${inst.subnetId ?? ''} has no IPv4 route to the internet`);
    }
  }

  // Paths of stolen credentials, and a call by an AWS service on the principal's behalf.
  const cred = credentialFor(principal, instances[0]);
  const anyIp: Known<string> = instances[0]?.privateIp ?? UNKNOWN;
  paths.push({
    id: 'aws-service',
    kind: 'aws-service',
    label: "an AWS service calling on the principal's behalf (aws:ViaAWSService = true)",
    credential: cred,
    network: { kind: 'internet', sourceIp: UNKNOWN },
    viaAwsService: true,
    hops: [],
    notes: [],
  });
  paths.push({
    id: 'stolen/internet',
    kind: 'stolen-internet',
    label: `stolen credentials used from the internet (${ATTACKER_IP} stands for any address outside your networks)`,
    credential: cred,
    network: { kind: 'internet', sourceIp: ATTACKER_IP },
    viaAwsService: false,
    hops: ['internet'],
    notes:
      cred.kind === 'ec2-instance-role'
        ? [
            'EC2 instance keys (aws:EC2InstanceSourceVPC, ec2:SourceInstanceARN …) travel with the stolen credentials',
          ]
        : [],
  });
  paths.push({
    id: 'stolen/attacker-account',
    kind: 'attacker-account',
    label: "stolen credentials used through a VPC endpoint in an attacker's own AWS account",
    credential: cred,
    network: {
      kind: 'endpoint',
      endpointVpcId: 'vpc-attacker',
      endpointId: 'vpce-attacker',
      vpcSourceIp: anyIp,
    },
    viaAwsService: false,
    hops: ['vpce-attacker'],
    notes: [
      "worst case: the attacker's VPC reuses the instance's private address (private IPs repeat across VPCs)",
    ],
  });
  return { paths, notes };
}
