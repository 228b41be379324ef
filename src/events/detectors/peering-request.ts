// CreateVpcPeeringConnection to an account outside the organization and not trusted (seed 000).
// Caught at initiating-request/pending-acceptance, but the outside party may accept before we act:
// the remediator re-describes and switches to quarantine-then-delete when it is already active.
import { assessPeering, severityForPeering } from '../../checks/network/cross-org-peering.js';
import type { NormalizedEvent } from '../event-types.js';
import { detection, type Detection, type DetectorContext, type Detector } from './detector.js';

export const peeringRequest: Detector = {
  id: 'peering-request',
  ruleId: 'cross-org-peering',
  title: 'VPC peering requested to an account outside the organization',
  remediation:
    'Delete the pending request (DeleteVpcPeeringConnection; only the requester can), or, if the outside party already accepted, delete the routes to it and then the connection.',
  eventNames: ['CreateVpcPeeringConnection'],
  detect(ev: NormalizedEvent, ctx: DetectorContext): readonly Detection[] {
    const d = ev.details;
    if (d?.kind !== 'peering-create') return [];
    // PeerOwnerId defaults to the requester's own account when omitted.
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcPeeringConnection.html
    const requester = d.requester.accountId ?? ev.accountId;
    const accepter = d.accepter.accountId ?? requester;
    const status = d.status ?? 'initiating-request';
    const a = assessPeering(status, requester, accepter, ctx.estate, ctx.intent);
    const severity = severityForPeering(status, a.verdict);
    if (severity === undefined) return [];
    const pcxId = d.pcxId ?? `unknown-pcx-from-${ev.eventId}`;
    return [
      detection(peeringRequest, ev, {
        severity,
        resource: {
          id: pcxId,
          type: 'vpc-peering-connection',
          accountId: ev.accountId,
          region: ev.region,
          ...(d.requester.vpcId ? { vpcId: d.requester.vpcId } : {}),
        },
        message: `${ev.principal} requested ${pcxId} from ${d.requester.vpcId ?? '?'} (${requester}) to ${d.accepter.vpcId ?? '?'} in account ${accepter}, ${a.verdict === 'outside' ? 'outside the organization and not trusted' : 'of unknown organization membership'}`,
        evidence: {
          status,
          requester: {
            ...d.requester,
            accountId: requester,
            trust: a.requester.trust,
            reason: a.requester.reason,
          },
          accepter: {
            ...d.accepter,
            accountId: accepter,
            trust: a.accepter.trust,
            reason: a.accepter.reason,
          },
          ourSide: a.ourSide,
          remedy: a.remedy,
          ...(d.expirationTime ? { expirationTime: d.expirationTime } : {}),
        },
        target: { kind: 'peering', accountId: ev.accountId, region: ev.region, pcxId },
      }),
    ];
  },
};
