// AcceptVpcPeeringConnection of a request from an account outside the organization and not trusted.
// The connection goes provisioning → active: only delete helps (DOMAIN.md §6).
import { assessPeering, severityForPeering } from '../../checks/network/cross-org-peering.js';
import type { NormalizedEvent } from '../event-types.js';
import { detection, type Detection, type DetectorContext, type Detector } from './detector.js';

export const peeringAccept: Detector = {
  id: 'peering-accept',
  ruleId: 'cross-org-peering',
  title: 'VPC peering accepted from an account outside the organization',
  remediation:
    'Delete every route that targets the connection (quarantine), then DeleteVpcPeeringConnection (either owner can delete an active connection).',
  eventNames: ['AcceptVpcPeeringConnection'],
  detect(ev: NormalizedEvent, ctx: DetectorContext): readonly Detection[] {
    const d = ev.details;
    if (d?.kind !== 'peering-accept') return [];
    // The caller is the accepter; AcceptVpcPeeringConnection must be called by the accepter VPC owner.
    const accepter = d.accepter.accountId ?? ev.accountId;
    const requester = d.requester.accountId;
    const status = d.status ?? 'provisioning';
    const a = assessPeering(status, requester, accepter, ctx.estate, ctx.intent);
    const severity = severityForPeering(status, a.verdict);
    if (severity === undefined) return [];
    return [
      detection(peeringAccept, ev, {
        severity,
        resource: {
          id: d.pcxId,
          type: 'vpc-peering-connection',
          accountId: ev.accountId,
          region: ev.region,
          ...(d.accepter.vpcId ? { vpcId: d.accepter.vpcId } : {}),
        },
        message: `${ev.principal} accepted ${d.pcxId} from ${d.requester.vpcId ?? '?'} in account ${requester ?? '?'}, ${a.verdict === 'outside' ? 'outside the organization and not trusted' : 'of unknown organization membership'}`,
        evidence: {
          status,
          requester: { ...d.requester, trust: a.requester.trust, reason: a.requester.reason },
          accepter: {
            ...d.accepter,
            accountId: accepter,
            trust: a.accepter.trust,
            reason: a.accepter.reason,
          },
          ourSide: a.ourSide,
          remedy: a.remedy,
        },
        target: { kind: 'peering', accountId: ev.accountId, region: ev.region, pcxId: d.pcxId },
      }),
    ];
  },
};
