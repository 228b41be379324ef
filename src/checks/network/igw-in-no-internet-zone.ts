// An internet gateway attached in an account that the intent says must have no internet ingress.
// An attached IGW without a route does nothing by itself (DOMAIN.md §7), so the severity depends on
// whether the exposure analysis finds anything reachable through it: critical if so, else high
// (one route away from exposure).
import { computeExposure } from '../../reach/exposure.js';
import { defineCheck } from '../define-check.js';
import { exposuresByHop } from '../shared/exposure-index.js';
import { isZoneMembership, noInternetZone } from '../shared/zones.js';
import type { FindingDraft } from '../types.js';

export const igwInNoInternetZone = defineCheck({
  id: 'igw-in-no-internet-zone',
  title: 'Internet gateway attached in a no-internet-ingress zone',
  severity: 'high',
  area: 'network',
  rationale:
    'Every path from the internet into a VPC needs an internet gateway. Accounts and OUs declared "no internet ingress" in perimeter.yaml must not have one attached: even without a route today, a single CreateRoute makes every public IP in the VPC reachable.',
  remediation:
    'Detach and delete the internet gateway (aws ec2 detach-internet-gateway, then delete-internet-gateway), route egress through the central NAT, and attach an SCP that denies ec2:CreateInternetGateway and ec2:AttachInternetGateway to the OU (perimeter generate).',
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html'],
  run({ estate, intent, memo }) {
    if (intent.noInternetIngress.length === 0) {
      return { notApplicable: 'perimeter.yaml lists no noInternetIngress OUs or accounts' };
    }
    const exposures = memo('reach:exposure', () => computeExposure(estate));
    const byHop = memo('reach:exposure-by-hop', () => exposuresByHop(exposures));
    const out: FindingDraft[] = [];
    for (const igw of estate.internetGateways.values()) {
      const attached = igw.attachments.filter((a) => a.state === 'available' || a.state === 'attached');
      if (attached.length === 0) continue;
      const zone = noInternetZone(igw.accountId, estate, intent);
      if (zone === undefined) continue;
      for (const att of attached) {
        const base = {
          id: igw.id,
          type: 'internet-gateway',
          accountId: igw.accountId,
          region: igw.region,
          vpcId: att.vpcId,
          arn: `arn:aws:ec2:${igw.region}:${igw.ownerId ?? igw.accountId}:internet-gateway/${igw.id}`,
        };
        if (!isZoneMembership(zone)) {
          out.push({
            severity: 'info',
            resource: base,
            message: `${igw.id} is attached to ${att.vpcId}; whether account ${igw.accountId} is in a no-internet zone is unknown (perimeter.yaml names OUs but the snapshot has no organization data)`,
            evidence: { internetGatewayId: igw.id, vpcId: att.vpcId, zone: 'unknown' },
            discriminator: att.vpcId,
          });
          continue;
        }
        const through = byHop.get(igw.id) ?? [];
        const resources = [...new Set(through.map((e) => e.resourceId))].sort();
        out.push({
          severity: through.length > 0 ? 'critical' : 'high',
          resource: base,
          message:
            through.length > 0
              ? `${igw.id} is attached to ${att.vpcId} in a no-internet zone (${zone.reason}) and the internet reaches ${resources.length} resource(s) through it: ${resources.slice(0, 5).join(', ')}${resources.length > 5 ? ', …' : ''}`
              : `${igw.id} is attached to ${att.vpcId} in a no-internet zone (${zone.reason}); no route uses it yet, so nothing is exposed through it today`,
          evidence: {
            internetGatewayId: igw.id,
            vpcId: att.vpcId,
            zone: zone.via,
            zoneReason: zone.reason,
            exposedThrough: through.map((e) => ({
              resourceId: e.resourceId,
              address: e.address,
              protocol: e.protocol,
              ports: e.ports,
            })),
          },
          path: [igw.id, att.vpcId],
          discriminator: att.vpcId,
        });
      }
    }
    return out;
  },
});
