// VPC peering connections with an owner outside the organization that is not trusted (seed 000).
// No SCP condition key carries the peer's organization id (DOMAIN.md §6), so this is detected, not
// prevented: active/provisioning connections are critical, pending requests high (the outside party
// can accept at any moment), terminal ones (rejected, deleted, expired, failed) are never reported.
// https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-lifecycle
import type { Intent } from '../../config/intent.js';
import type { Estate, PeeringSide, VpcPeeringConnection } from '../../estate/model.js';
import { defineCheck } from '../define-check.js';
import { explainAccount, isAllowedPeer, type AccountClassification } from '../shared/org-trust.js';
import type { FindingDraft, Severity } from '../types.js';

export type PeeringSideName = 'requester' | 'accepter';

/** What DOMAIN.md §6 says to do, by our side and the connection's state. */
export type PeeringRemedy =
  | 'delete-request' // requester, pending: only the requester can delete a pending request
  | 'reject-request' // accepter, pending: only the accepter can reject
  | 'quarantine-then-delete' // either side, provisioning/active: delete routes to the pcx, then delete
  | 'none' // terminal state
  | 'unknown'; // our side or the state is unknown: a human decides

export const terminalPeeringStates: ReadonlySet<string> = new Set([
  'rejected',
  'deleted',
  'expired',
  'failed',
  'deleting',
]);
const pendingStates: ReadonlySet<string> = new Set(['initiating-request', 'pending-acceptance']);
const liveStates: ReadonlySet<string> = new Set(['provisioning', 'active']);

export function remedyFor(status: string, ourSide: PeeringSideName | 'both' | 'unknown'): PeeringRemedy {
  if (terminalPeeringStates.has(status)) return 'none';
  if (liveStates.has(status)) return ourSide === 'unknown' ? 'unknown' : 'quarantine-then-delete';
  if (pendingStates.has(status)) {
    if (ourSide === 'requester') return 'delete-request';
    if (ourSide === 'accepter') return 'reject-request';
    return 'unknown';
  }
  return 'unknown';
}

export interface PeeringAssessment {
  readonly requester: AccountClassification;
  readonly accepter: AccountClassification;
  /** The side(s) outside the organization and not trusted, or unknown. */
  readonly offendingSide?: PeeringSideName;
  /** Which side is ours (in the organization). */
  readonly ourSide: PeeringSideName | 'both' | 'unknown';
  /** `outside` when a side is outside and untrusted, `unknown` when a side cannot be classified, else `allowed`. */
  readonly verdict: 'outside' | 'unknown' | 'allowed';
  readonly remedy: PeeringRemedy;
}

/** Classifies both owners of a peering connection (shared with the event detectors and the reconciler). */
export function assessPeering(
  status: string,
  requesterAccount: string | undefined,
  accepterAccount: string | undefined,
  estate: Estate,
  intent: Intent,
): PeeringAssessment {
  const unknownSide = (side: string): AccountClassification => ({
    trust: 'unknown',
    reason: `the ${side} owner account is not in the data`,
  });
  const requester = requesterAccount
    ? explainAccount(requesterAccount, estate, intent)
    : unknownSide('requester');
  const accepter = accepterAccount
    ? explainAccount(accepterAccount, estate, intent)
    : unknownSide('accepter');
  const ours = (c: AccountClassification) => c.trust === 'self-org';
  const ourSide: PeeringAssessment['ourSide'] =
    ours(requester) && ours(accepter)
      ? 'both'
      : ours(requester)
        ? 'requester'
        : ours(accepter)
          ? 'accepter'
          : 'unknown';
  let offendingSide: PeeringSideName | undefined;
  let verdict: PeeringAssessment['verdict'] = 'allowed';
  if (accepter.trust === 'outside') [offendingSide, verdict] = ['accepter', 'outside'];
  else if (requester.trust === 'outside') [offendingSide, verdict] = ['requester', 'outside'];
  else if (!isAllowedPeer(accepter.trust)) [offendingSide, verdict] = ['accepter', 'unknown'];
  else if (!isAllowedPeer(requester.trust)) [offendingSide, verdict] = ['requester', 'unknown'];
  // When the classification does not say which side is ours but one side is offending, the other
  // side is the one whose snapshot/event we are looking at.
  const side: PeeringAssessment['ourSide'] =
    ourSide === 'unknown' && offendingSide !== undefined
      ? offendingSide === 'requester'
        ? 'accepter'
        : 'requester'
      : ourSide;
  return {
    requester,
    accepter,
    ...(offendingSide ? { offendingSide } : {}),
    ourSide: side,
    verdict,
    remedy: remedyFor(status, side),
  };
}

export function severityForPeering(
  status: string,
  verdict: PeeringAssessment['verdict'],
): Severity | undefined {
  if (terminalPeeringStates.has(status)) return undefined;
  if (verdict === 'allowed') return undefined;
  if (verdict === 'unknown') return 'medium';
  if (liveStates.has(status)) return 'critical';
  return 'high'; // pending-acceptance, initiating-request, or a state AWS may add later
}

function sideEvidence(s: PeeringSide, c: AccountClassification) {
  return {
    accountId: s.accountId ?? null,
    vpcId: s.vpcId ?? null,
    region: s.region ?? null,
    cidrs: [...s.cidrsV4, ...s.cidrsV6],
    trust: c.trust,
    reason: c.reason,
  };
}

type RouteRef = { routeTableId: string; destination: string };

/** Routes by the peering connection they target, built once per estate (a scan per peering is quadratic). */
const routesByPeering = new WeakMap<Estate, ReadonlyMap<string, readonly RouteRef[]>>();

function peeringRouteIndex(estate: Estate): ReadonlyMap<string, readonly RouteRef[]> {
  let index = routesByPeering.get(estate);
  if (index) return index;
  const m = new Map<string, RouteRef[]>();
  for (const rt of estate.routeTables.values()) {
    for (const r of rt.routes) {
      if (r.target.kind !== 'pcx') continue;
      const ref = {
        routeTableId: rt.id,
        destination: r.destination.kind === 'cidr' ? r.destination.cidr : r.destination.prefixListId,
      };
      const list = m.get(r.target.id);
      if (list) list.push(ref);
      else m.set(r.target.id, [ref]);
    }
  }
  for (const list of m.values()) {
    list.sort((a, b) =>
      a.routeTableId === b.routeTableId
        ? a.destination.localeCompare(b.destination)
        : a.routeTableId.localeCompare(b.routeTableId),
    );
  }
  index = m;
  routesByPeering.set(estate, index);
  return index;
}

/** Route tables in the estate with a route whose target is this peering connection. */
export function routesTargeting(
  estate: Estate,
  pcxId: string,
): { routeTableId: string; destination: string }[] {
  return [...(peeringRouteIndex(estate).get(pcxId) ?? [])];
}

const remedyText: Record<PeeringRemedy, string> = {
  'delete-request':
    'we are the requester and the request is pending: DeleteVpcPeeringConnection (only the requester can delete a pending request)',
  'reject-request':
    'we are the accepter and the request is pending: RejectVpcPeeringConnection (only the accepter can reject)',
  'quarantine-then-delete':
    'the connection is live: delete every route that targets it (quarantine), then DeleteVpcPeeringConnection (either owner can)',
  none: 'terminal state: nothing to do',
  unknown: 'our side or the state is unknown: investigate before acting',
};

export function findingForPeering(
  pcx: VpcPeeringConnection,
  estate: Estate,
  intent: Intent,
): FindingDraft | undefined {
  const a = assessPeering(pcx.status, pcx.requester.accountId, pcx.accepter.accountId, estate, intent);
  const severity = severityForPeering(pcx.status, a.verdict);
  if (severity === undefined || a.offendingSide === undefined) return undefined;
  const outsider = a.offendingSide === 'requester' ? pcx.requester : pcx.accepter;
  const ourSide = a.offendingSide === 'requester' ? pcx.accepter : pcx.requester;
  const routes = routesTargeting(estate, pcx.id);
  const who =
    a.verdict === 'outside'
      ? 'outside the organization and not trusted'
      : 'of unknown organization membership';
  return {
    severity,
    resource: {
      id: pcx.id,
      type: 'vpc-peering-connection',
      accountId: pcx.accountId,
      region: pcx.region,
      ...(ourSide.vpcId ? { vpcId: ourSide.vpcId } : {}),
      arn: `arn:aws:ec2:${pcx.region}:${pcx.accountId}:vpc-peering-connection/${pcx.id}`,
    },
    message: `${pcx.id} (${pcx.status}) peers ${ourSide.vpcId ?? '?'} with ${outsider.vpcId ?? '?'} in account ${outsider.accountId ?? '?'}, ${who}; ${routes.length} route${routes.length === 1 ? '' : 's'} target it`,
    evidence: {
      status: pcx.status,
      requester: sideEvidence(pcx.requester, a.requester),
      accepter: sideEvidence(pcx.accepter, a.accepter),
      offendingSide: a.offendingSide,
      ourSide: a.ourSide,
      remedy: a.remedy,
      routes,
      ...(pcx.expirationTime ? { expirationTime: pcx.expirationTime } : {}),
    },
    remediation: remedyText[a.remedy],
  };
}

export const crossOrgPeering = defineCheck({
  id: 'cross-org-peering',
  title: 'VPC peering connection with an account outside the organization',
  severity: 'critical',
  area: 'network',
  rationale:
    'A peering connection to an account outside the organization that is not a trusted vendor opens a private path for data to leave. AWS has no condition key for the peer organization, so SCPs cannot express "organization only" without listing accounts; the outside party can accept a pending request at any time.',
  remediation:
    'Requester side, pending: delete the request. Accepter side, pending: reject it. Active: delete the routes that target it, then delete the connection. Or add the account to trustedAccounts when the peering is intended.',
  references: [
    'https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html',
    'https://docs.aws.amazon.com/vpc/latest/peering/delete-vpc-peering-connection.html',
    'https://docs.aws.amazon.com/vpc/latest/peering/reject-vpc-peering-connection.html',
  ],
  run({ estate, intent }) {
    const out: FindingDraft[] = [];
    for (const pcx of [...estate.peeringConnections.values()].sort((x, y) => x.id.localeCompare(y.id))) {
      const f = findingForPeering(pcx, estate, intent);
      if (f) out.push(f);
    }
    return out;
  },
});
