// Runs a reconcile end to end: find problems (reconcile.ts), then plan or act on each through the
// same Remediator the event path uses. Live state comes from AwsPort.collectState().
import type { Intent } from '../config/intent.js';
import { buildEstate } from '../estate/build.js';
import type { Estate } from '../estate/model.js';
import type { AwsPort } from './aws-port.js';
import { reconcile, type ReconcileProblem } from './reconcile.js';
import type { Outcome, Remediator } from './remediator.js';

export interface ReconcileRun {
  readonly problems: readonly ReconcileProblem[];
  readonly outcomes: readonly Outcome[];
}

export async function runReconcile(
  estate: Estate,
  intent: Intent,
  now: Date,
  remediator: Remediator,
  runId?: string,
): Promise<ReconcileRun> {
  const problems = reconcile(estate, intent, now, runId);
  const outcomes: Outcome[] = [];
  for (const p of problems) outcomes.push(await remediator.handle(p.detection));
  return { problems, outcomes };
}

/** Live state of one account/region as an Estate (organization data, if any, merged from `orgDocs`). */
export async function liveEstate(
  port: AwsPort,
  accountId: string,
  region: string,
  orgDocs: readonly { file: string; data: unknown }[] = [],
): Promise<Estate> {
  const docs = await port.collectState();
  return buildEstate([
    ...docs.map((data, i) => ({ file: `live/${accountId}/${region}/${i}.json`, accountId, region, data })),
    ...orgDocs.map((d) => ({ file: d.file, region: 'global', data: d.data })),
  ]);
}

/**
 * The intent to classify accounts with when the estate holds only part of the organization (one
 * live account/region, or the Lambda's event path). org-trust treats "intent organizationId + no
 * organization data" as "the snapshot is the organization", which is only true for an org-wide
 * snapshot. Here another member account would look "outside" and an in-org peering could be
 * deleted; without organization data the organizationId is dropped, so peers are "unknown" and get
 * escalated, never acted on.
 */
export function intentForPartialState(intent: Intent, hasOrganizationData: boolean): Intent {
  if (hasOrganizationData || intent.organizationId === undefined) return intent;
  const { organizationId: _dropped, ...rest } = intent;
  return rest as Intent;
}
