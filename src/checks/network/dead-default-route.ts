// A default route (0.0.0.0/0 or ::/0) to a target that can never carry traffic to the internet:
// VPC peering and endpoints are non-transitive, and an appliance ENI without its own way out (a
// public address in a subnet routed to an IGW, or a NAT) forwards nowhere. The route usually
// reflects a wrong assumption about centralized egress (seed 002) and silently drops traffic.
// https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations
import type { Estate, NetworkInterface, Route } from '../../estate/model.js';
import { computeEgress } from '../../reach/egress.js';
import { defineCheck } from '../define-check.js';
import type { FindingDraft } from '../types.js';

function isDefault(r: Route): boolean {
  return (
    r.destination.kind === 'cidr' && (r.destination.cidr === '0.0.0.0/0' || r.destination.cidr === '::/0')
  );
}

/** Why the target never reaches the internet, or undefined when it may (or cannot be judged). */
function deadReason(estate: Estate, r: Route, egressBySubnet: Map<string, string>): string | undefined {
  const t = r.target;
  if (t.kind === 'pcx') {
    return `${t.id} is a VPC peering connection: peering is non-transitive, the peer's internet or NAT gateway is never used`;
  }
  if (t.kind === 'vpce') {
    const ep = estate.vpcEndpoints.get(t.id);
    // Gateway Load Balancer endpoints send traffic to inspection appliances that may forward it: not modelled.
    if (ep?.type === 'GatewayLoadBalancer') return undefined;
    return `${t.id} is a VPC endpoint: it reaches its service only, never the internet`;
  }
  if (t.kind === 'eni' || t.kind === 'instance') {
    let eni: NetworkInterface | undefined;
    if (t.kind === 'eni') eni = estate.networkInterfaces.get(t.id);
    else {
      const id = (estate.index.enisByInstance.get(t.id) ?? [])[0];
      eni = id ? estate.networkInterfaces.get(id) : undefined;
    }
    if (!eni) return undefined; // unknown appliance: cannot judge
    if (eni.interfaceType === 'vpc_endpoint') {
      return `${t.id} is an interface endpoint's network interface: PrivateLink is non-transitive`;
    }
    if (eni.interfaceType === 'gateway_load_balancer_endpoint') return undefined;
    const version = r.destination.kind === 'cidr' && r.destination.cidr === '::/0' ? 6 : 4;
    const kind = egressBySubnet.get(`${eni.subnetId}|${version}`);
    const hasPublic = version === 4 ? eni.privateIps.some((p) => p.publicIp) : eni.ipv6Addresses.length > 0;
    if (kind === 'nat' || (kind === 'igw' && hasPublic) || kind === 'eigw') return undefined;
    if (eni.subnetId === undefined || kind === undefined) return undefined;
    return `${t.id} forwards to an appliance in ${eni.subnetId}, which itself has no way to the internet (${kind === 'igw' ? 'no public address' : `egress ${kind}`})`;
  }
  return undefined;
}

export const deadDefaultRoute = defineCheck({
  id: 'dead-default-route',
  title: 'Default route to a target that never reaches the internet',
  severity: 'medium',
  area: 'network',
  rationale:
    'VPC peering connections and VPC endpoints are non-transitive: traffic sent to them for internet destinations is dropped, never forwarded to the peer VPC’s internet or NAT gateway. A default route to them (or to an appliance with no way out) silently black-holes internet-bound traffic and usually reflects a broken centralized-egress design.',
  remediation:
    'Point the default route at a NAT gateway, an internet gateway or a transit gateway that leads to centralized egress, or remove it if the subnet must stay isolated.',
  references: [
    'https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html',
    'https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-egress-to-internet.html',
  ],
  run({ estate, memo }) {
    const egress = memo('reach:egress', () => computeEgress(estate));
    const egressBySubnet = new Map<string, string>();
    for (const e of egress) {
      egressBySubnet.set(`${e.subnetId}|4`, e.ipv4.kind);
      egressBySubnet.set(`${e.subnetId}|6`, e.ipv6.kind);
    }
    const out: FindingDraft[] = [];
    for (const rt of estate.routeTables.values()) {
      for (const r of rt.routes) {
        if (!isDefault(r) || r.state !== 'active' || r.destination.kind !== 'cidr') continue;
        const reason = deadReason(estate, r, egressBySubnet);
        if (!reason) continue;
        out.push({
          resource: {
            id: rt.id,
            type: 'route-table',
            accountId: rt.accountId,
            region: rt.region,
            vpcId: rt.vpcId,
          },
          message: `${rt.id}: ${r.destination.cidr} → ${r.target.id} never reaches the internet: ${reason}`,
          evidence: {
            routeTableId: rt.id,
            destination: r.destination.cidr,
            target: r.target.id,
            targetKind: r.target.kind,
            reason,
          },
          path: [rt.id, r.target.id],
          discriminator: `${r.destination.cidr}|${r.target.id}`,
        });
      }
    }
    return out;
  },
});
