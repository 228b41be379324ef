// A VPC that reaches an AWS service over the internet (NAT/IGW, possibly through a transit
// gateway) although an interface endpoint for that service exists for it: its own endpoint with
// private DNS off and no private hosted zone, or a centralized (hub) endpoint whose private hosted
// zone is not associated with this VPC (seed 004). DNS then resolves the public service name, the
// traffic leaves through the NAT, and the endpoint policy — the control the team relies on — never
// sees it. https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html
import type { Estate, HostedZone, VpcEndpoint } from '../../estate/model.js';
import { computeEgress, type SubnetEgress } from '../../reach/egress.js';
import { defineCheck } from '../define-check.js';
import type { FindingDraft } from '../types.js';

const liveEndpointStates = new Set(['available', 'pending', 'pendingacceptance', 'pending-acceptance']);

/** `com.amazonaws.us-east-1.sqs` → `sqs`; `com.amazonaws.vpce.…` (PrivateLink services) → undefined. */
export function awsServiceOf(serviceName: string, region: string): string | undefined {
  const prefix = `com.amazonaws.${region}.`;
  if (!serviceName.startsWith(prefix)) return undefined;
  return serviceName.slice(prefix.length);
}

function zoneName(z: HostedZone): string {
  return z.name.toLowerCase().replace(/\.$/, '');
}

/** VPCs connected to `vpcId` through a shared transit gateway or an active peering connection. */
function connectedVpcs(estate: Estate, vpcId: string): Set<string> {
  const out = new Set<string>();
  for (const attId of estate.index.tgwAttachmentsByVpc.get(vpcId) ?? []) {
    const att = estate.transitGatewayAttachments.get(attId);
    if (!att) continue;
    for (const otherId of estate.index.tgwAttachmentsByTgw.get(att.transitGatewayId) ?? []) {
      const other = estate.transitGatewayAttachments.get(otherId);
      if (other?.resourceType === 'vpc' && other.resourceId && other.resourceId !== vpcId)
        out.add(other.resourceId);
    }
  }
  for (const pcxId of estate.index.peeringsByVpc.get(vpcId) ?? []) {
    const pcx = estate.peeringConnections.get(pcxId);
    if (!pcx || pcx.status !== 'active') continue;
    const other = pcx.requester.vpcId === vpcId ? pcx.accepter.vpcId : pcx.requester.vpcId;
    if (other) out.add(other);
  }
  return out;
}

interface ServiceEndpoints {
  readonly region: string;
  readonly service: string;
  readonly endpoints: VpcEndpoint[];
}

export const endpointBypass = defineCheck({
  id: 'endpoint-bypass',
  title: 'Traffic to an AWS service bypasses its interface endpoint over the internet',
  severity: 'medium',
  area: 'endpoints',
  rationale:
    'Interface endpoints only carry traffic whose DNS name resolves to them. With private DNS disabled, or with a centralized endpoint whose private hosted zone is not associated with a spoke VPC, the SDK resolves the public service name and the request leaves through the NAT or internet gateway — outside the endpoint policy, with aws:SourceIp instead of aws:SourceVpc in the request context.',
  remediation:
    'Associate the endpoint service private hosted zone with this VPC (route53 associate-vpc-with-hosted-zone, cross-account with create-vpc-association-authorization), or enable private DNS on the VPC own endpoint; then deny the service over the internet with an aws:SourceVpce/aws:ViaAWSService condition.',
  references: [
    'https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html',
    'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html',
  ],
  run({ estate, memo }) {
    const byService = new Map<string, ServiceEndpoints>();
    for (const ep of estate.vpcEndpoints.values()) {
      if (
        ep.type !== 'Interface' ||
        (ep.state !== undefined && !liveEndpointStates.has(ep.state.toLowerCase()))
      )
        continue;
      const service = awsServiceOf(ep.serviceName, ep.region);
      if (!service) continue;
      const key = `${ep.region}|${service}`;
      const entry = byService.get(key) ?? { region: ep.region, service, endpoints: [] };
      entry.endpoints.push(ep);
      byService.set(key, entry);
    }
    if (byService.size === 0) return [];

    const egress = memo('reach:egress', () => computeEgress(estate));
    const internetSubnetsByVpc = new Map<string, SubnetEgress[]>();
    for (const e of egress) {
      if (e.ipv4.kind !== 'igw' && e.ipv4.kind !== 'nat') continue;
      const list = internetSubnetsByVpc.get(e.vpcId) ?? [];
      list.push(e);
      internetSubnetsByVpc.set(e.vpcId, list);
    }

    const out: FindingDraft[] = [];
    for (const { region, service, endpoints } of [...byService.values()].sort((a, b) =>
      `${a.region}|${a.service}`.localeCompare(`${b.region}|${b.service}`),
    )) {
      const dnsName = `${service}.${region}.amazonaws.com`;
      const zones = [...estate.hostedZones.values()].filter((z) => z.privateZone && zoneName(z) === dnsName);
      const zoneUnknown = zones.some((z) => z.vpcs === undefined);
      const zoneVpcs = new Set(
        zones.flatMap((z) => (z.vpcs ?? []).filter((v) => v.region === region).map((v) => v.vpcId)),
      );
      for (const [vpcId, subnets] of [...internetSubnetsByVpc.entries()].sort(([a], [b]) =>
        a.localeCompare(b),
      )) {
        const vpc = estate.vpcs.get(vpcId);
        if (!vpc || vpc.region !== region) continue;
        if (zoneVpcs.has(vpcId)) continue; // the zone resolves the service name to an endpoint here
        const own = endpoints.filter((ep) => ep.vpcId === vpcId);
        if (own.some((ep) => ep.privateDnsEnabled)) continue;
        const connected = connectedVpcs(estate, vpcId);
        const hub = endpoints.filter((ep) => ep.vpcId !== vpcId && connected.has(ep.vpcId));
        if (own.length === 0 && hub.length === 0) continue; // no endpoint is meant for this VPC
        const sample = subnets[0]!;
        const why =
          own.length > 0
            ? `its own endpoint ${own.map((e) => e.id).join(', ')} has private DNS disabled and no private hosted zone for ${dnsName} is associated with it`
            : zones.length > 0
              ? `the hub endpoint ${hub.map((e) => e.id).join(', ')} in ${hub[0]!.vpcId} is resolved through private hosted zone ${zones.map((z) => z.id).join(', ')}, which is not associated with ${vpcId}`
              : `the hub endpoint ${hub.map((e) => e.id).join(', ')} in ${hub[0]!.vpcId} has no private hosted zone for ${dnsName} that ${vpcId} could use`;
        out.push({
          severity: zoneUnknown ? 'info' : undefined,
          resource: { id: vpcId, type: 'vpc', accountId: vpc.accountId, region, vpcId },
          message: zoneUnknown
            ? `${vpcId} may reach ${service} over the internet: hosted zone VPC associations for ${dnsName} are not in the snapshot (unknown)`
            : `${vpcId} reaches ${service} over the internet (${sample.ipv4.kind} via ${sample.ipv4.path.join(' → ')}) instead of its endpoint: ${why}`,
          evidence: {
            service,
            dnsName,
            ownEndpoints: own.map((e) => e.id),
            hubEndpoints: hub.map((e) => ({ id: e.id, vpcId: e.vpcId, accountId: e.accountId })),
            privateHostedZones: zones.map((z) => ({
              id: z.id,
              associatedVpcs: (z.vpcs ?? []).map((v) => v.vpcId),
            })),
            egress: {
              kind: sample.ipv4.kind,
              path: sample.ipv4.path,
              subnets: subnets.map((s) => s.subnetId),
            },
          },
          path: [vpcId, ...sample.ipv4.path],
          discriminator: `${region}|${service}`,
        });
      }
    }
    return out;
  },
});
