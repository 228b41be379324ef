// A route to a VPC peering connection wider than the peer VPC's CIDRs. Peering only delivers to
// the peer VPC's own CIDRs (no transit, no edge-to-edge routing), so the excess is dead — and a
// sign the author expected the peer to forward traffic (to its NAT, IGW, VPN …), which it never does.
// https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations
import { AddressSet } from '../../net/index.js';
import { defineCheck } from '../define-check.js';
import type { FindingDraft } from '../types.js';

export const peeringRouteTooBroad = defineCheck({
  id: 'peering-route-too-broad',
  title: 'Route to a peering connection is wider than the peer VPC',
  severity: 'low',
  area: 'network',
  rationale:
    'VPC peering is non-transitive: traffic sent to a peering connection is delivered only if its destination is inside the peer VPC. A route wider than the peer CIDRs carries nothing useful and usually reflects an assumption that the peer will forward traffic to the internet, on-premises or another VPC.',
  remediation:
    'Narrow the route to the peer VPC CIDRs listed in the evidence; reach other destinations through a transit gateway or a NAT/IGW in this VPC.',
  references: ['https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html'],
  run({ estate }) {
    const out: FindingDraft[] = [];
    for (const rt of estate.routeTables.values()) {
      for (const route of rt.routes) {
        if (route.target.kind !== 'pcx' || route.destination.kind !== 'cidr') continue;
        const pcx = estate.peeringConnections.get(route.target.id);
        if (!pcx) continue; // unknown peering: nothing to compare against (the route may be a blackhole)
        const peer =
          pcx.requester.vpcId === rt.vpcId
            ? pcx.accepter
            : pcx.accepter.vpcId === rt.vpcId
              ? pcx.requester
              : undefined;
        if (!peer) continue;
        const peerCidrs = [...peer.cidrsV4, ...peer.cidrsV6];
        if (peerCidrs.length === 0) continue; // peer CIDRs unknown: cannot judge
        const excess = AddressSet.fromCidrs([route.destination.cidr]).subtract(
          AddressSet.fromCidrs(peerCidrs),
        );
        if (excess.isEmpty()) continue;
        out.push({
          resource: {
            id: rt.id,
            type: 'route-table',
            accountId: rt.accountId,
            region: rt.region,
            vpcId: rt.vpcId,
          },
          message: `route ${route.destination.cidr} → ${pcx.id} is wider than the peer VPC ${peer.vpcId ?? '?'} (${peerCidrs.join(', ')}); traffic to ${excess.toCidrs().slice(0, 4).join(', ')}${excess.toCidrs().length > 4 ? ', …' : ''} is dropped`,
          evidence: {
            routeTableId: rt.id,
            destination: route.destination.cidr,
            peeringConnectionId: pcx.id,
            peerVpcId: peer.vpcId,
            peerAccountId: peer.accountId,
            peerCidrs,
            unreachable: excess.toCidrs(),
          },
          path: [rt.id, pcx.id],
          discriminator: `${route.destination.cidr}|${pcx.id}`,
        });
      }
    }
    return out;
  },
});
