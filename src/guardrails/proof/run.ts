// Proves a guardrail: every scenario of its matrix is evaluated three times with the IAM engine —
//   alone     : the generated policy with everything else permissive (does the guardrail itself do
//               what the intent says?),
//   baseline  : the target's existing SCP/RCP chain and endpoint policy, without it,
//   with it   : the existing chain plus the generated policy.
// A row passes when "alone" matches the intent and "with it" matches the intent where the intent
// denies, or the baseline where the intent allows (an existing policy may deny more; that is shown,
// not hidden). Every generated policy is also linted; findings fail the proof unless the draft
// accepts that code on purpose (with its reason, printed in the proof).
import type { Estate } from '../../estate/model.js';
import { attachedPolicies } from '../org.js';
import type { GeneratedPolicy, GuardrailDraft, Scenario } from '../types.js';
import type {
  EvaluationInput,
  EvaluationOutcome,
  LintIssue,
  NamedPolicy,
  OrgLevelPolicies,
  PolicyEvaluator,
} from './evaluator.js';

export const fullAwsAccess: NamedPolicy = {
  name: 'FullAWSAccess',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};
export const rcpFullAwsAccess: NamedPolicy = {
  name: 'RCPFullAWSAccess',
  document: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
  },
};
/** The principal's own permissions in every scenario: everything (so the guardrails decide). */
export const allowAll: NamedPolicy = {
  name: 'proof-identity-allow-all',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

export interface ProofRow {
  readonly scenario: Scenario;
  readonly alone: EvaluationOutcome;
  readonly baseline: EvaluationOutcome;
  readonly withIt: EvaluationOutcome;
  /** With every generated policy of the run applied (conflicts between guardrails show here). */
  readonly together: EvaluationOutcome;
  readonly expectedWithIt: 'allow' | 'deny';
  readonly ok: boolean;
}

export interface LintResult {
  readonly policy: string;
  readonly issues: readonly LintIssue[];
  readonly accepted: readonly { readonly issue: LintIssue; readonly reason: string }[];
  readonly failing: readonly LintIssue[];
}

export interface Proof {
  readonly draft: GuardrailDraft;
  readonly policies: readonly GeneratedPolicy[];
  readonly engine: string;
  readonly rows: readonly ProofRow[];
  readonly lint: readonly LintResult[];
  /** Assumptions made where the snapshot says nothing (e.g. a level without SCPs). */
  readonly assumptions: readonly string[];
  /** Every mismatch and lint failure, one line each. */
  readonly problems: readonly string[];
  readonly ok: boolean;
}

const allowed = (o: EvaluationOutcome): 'allow' | 'deny' | 'unknown' =>
  o.decision === 'Allowed' ? 'allow' : o.decision === 'Unknown' ? 'unknown' : 'deny';

function roleKey(arn: string): string | undefined {
  const m = /^arn:[^:]+:(?:iam|sts)::(\d{12}):(?:role\/(?:.*\/)?|assumed-role\/)([^/]+)/.exec(arn);
  return m ? `${m[1]}|${m[2]}` : undefined;
}

/** A draft and its quota-sized parts: what one guardrail ships. */
export interface Shipped {
  readonly draft: GuardrailDraft;
  readonly parts: readonly GeneratedPolicy[];
}

function targetsOf(d: GuardrailDraft): ReadonlySet<string> {
  return d.attachment.kind === 'org' ? new Set(d.attachment.targetIds) : new Set();
}

export function runProof(
  estate: Estate,
  draft: GuardrailDraft,
  policies: readonly GeneratedPolicy[],
  evaluator: PolicyEvaluator,
  /** Every guardrail of the run (this one included): rows are also evaluated with all of them applied. */
  all: readonly Shipped[] = [{ draft, parts: policies }],
): Proof {
  const assumptions = new Set<string>();
  const mgmt = estate.organization?.managementAccountId;
  const self: Shipped = { draft, parts: policies };
  const named = (x: Shipped): NamedPolicy[] => x.parts.map((p) => ({ name: p.name, document: p.document }));

  type Base = 'permissive' | 'existing';
  const scpLevels = (s: Scenario, base: Base, active: readonly Shipped[]): OrgLevelPolicies[] | undefined => {
    const path = s.principalOrgPath;
    if (path === undefined || path.length === 0 || s.principalAccount === mgmt) return undefined;
    return path.map((id) => {
      const existing = attachedPolicies(estate, id, 'SERVICE_CONTROL_POLICY').map((p) => ({
        name: p.name,
        document: p.document,
      }));
      if (existing.length === 0 && base === 'existing') {
        assumptions.add(
          `${id}: no SCP attached in the snapshot; assumed FullAWSAccess (every root, OU and account has at least one SCP)`,
        );
      }
      const policies = base === 'permissive' || existing.length === 0 ? [fullAwsAccess] : existing;
      const gen = active.filter((x) => x.draft.kind === 'scp' && targetsOf(x.draft).has(id)).flatMap(named);
      return { id, policies: [...policies, ...gen] };
    });
  };
  const rcpLevels = (s: Scenario, base: Base, active: readonly Shipped[]): OrgLevelPolicies[] | undefined => {
    const path = s.resourceOrgPath;
    if (
      path === undefined ||
      path.length === 0 ||
      (s.resourceAccount !== undefined && s.resourceAccount === mgmt)
    )
      return undefined;
    return path.map((id) => {
      const existing =
        base === 'permissive'
          ? []
          : attachedPolicies(estate, id, 'RESOURCE_CONTROL_POLICY').map((p) => ({
              name: p.name,
              document: p.document,
            }));
      const policies = existing.some((p) => p.name === 'RCPFullAWSAccess')
        ? existing
        : [rcpFullAwsAccess, ...existing];
      const gen = active.filter((x) => x.draft.kind === 'rcp' && targetsOf(x.draft).has(id)).flatMap(named);
      return { id, policies: [...policies, ...gen] };
    });
  };
  const existingEndpointPolicy = (): NamedPolicy | undefined => {
    const a = draft.attachment;
    if (a.kind !== 'endpoint' || a.endpointId === undefined) return undefined;
    const doc = estate.vpcEndpoints.get(a.endpointId)?.policyDocument;
    return doc === undefined ? undefined : { name: `${a.endpointId} (current policy)`, document: doc };
  };
  const roleApplies = (x: Shipped, s: Scenario): boolean =>
    x.draft.kind === 'identity' &&
    x.draft.attachment.kind === 'role' &&
    roleKey(s.principalArn) === `${x.draft.attachment.accountId}|${x.draft.attachment.roleName}`;
  /** The endpoint policy on the scenario's path: this draft's, or another generated one for the same endpoint id. */
  const endpointOf = (x: Shipped, s: Scenario): boolean => {
    if (x.draft.kind !== 'vpce' || x.draft.attachment.kind !== 'endpoint') return false;
    if (x.draft === draft) return s.throughEndpoint === true;
    const vpce = s.context['aws:SourceVpce'];
    return x.draft.attachment.endpointId !== undefined && vpce === x.draft.attachment.endpointId;
  };

  // Modes: alone (this policy, everything else permissive); baseline (the snapshot's policies);
  // with (baseline + this); context (baseline without the endpoint policy this one replaces: an
  // endpoint has exactly one policy); together (baseline + every generated policy of the run).
  type Mode = 'alone' | 'baseline' | 'with' | 'context' | 'together';
  const input = (s: Scenario, mode: Mode): EvaluationInput => {
    const base: Base = mode === 'alone' ? 'permissive' : 'existing';
    const active: readonly Shipped[] =
      mode === 'alone' || mode === 'with' ? [self] : mode === 'together' ? all : [];
    const scp = scpLevels(s, base, active);
    const rcp = rcpLevels(s, base, active);
    const generatedEndpoint = active.find((x) => endpointOf(x, s));
    const endpoint: NamedPolicy | undefined = generatedEndpoint
      ? named(generatedEndpoint)[0]
      : mode === 'baseline' && draft.kind === 'vpce' && s.throughEndpoint === true
        ? existingEndpointPolicy()
        : undefined;
    return {
      principalArn: s.principalArn,
      action: s.action,
      resource: s.resource,
      ...(s.resourceAccount !== undefined ? { resourceAccount: s.resourceAccount } : {}),
      context: s.context,
      ...(scp ? { scpLevels: scp } : {}),
      ...(rcp ? { rcpLevels: rcp } : {}),
      identityPolicies: [allowAll, ...active.filter((x) => roleApplies(x, s)).flatMap(named)],
      ...(s.resourcePolicy
        ? { resourcePolicy: { name: 'proof-resource-policy', document: s.resourcePolicy } }
        : {}),
      ...(endpoint ? { endpointPolicy: endpoint } : {}),
    };
  };

  const problems: string[] = [];
  const rows: ProofRow[] = draft.scenarios.map((s, i) => {
    const alone = evaluator.evaluate(input(s, 'alone'));
    const baseline = evaluator.evaluate(input(s, 'baseline'));
    const withIt = evaluator.evaluate(input(s, 'with'));
    const context = draft.kind === 'vpce' ? evaluator.evaluate(input(s, 'context')) : baseline;
    const b = allowed(context);
    const expectedWithIt: 'allow' | 'deny' = s.expect === 'deny' ? 'deny' : b === 'allow' ? 'allow' : 'deny';
    const aloneOk = allowed(alone) === s.expect;
    const withOk = allowed(withIt) === expectedWithIt && b !== 'unknown';
    const together = all.length > 1 ? evaluator.evaluate(input(s, 'together')) : withIt;
    const togetherOk = allowed(together) === expectedWithIt;
    const label = `scenario ${i + 1} (${s.principal} / ${s.path} / ${s.action} ${s.resource})`;
    if (!aloneOk) {
      problems.push(
        `${draft.id}: ${label}: the intent expects ${s.expect} (${s.because}); the generated policy alone gives ${alone.decision}${alone.deciding.length ? ` by ${alone.deciding.join(', ')}` : ''}`,
      );
    }
    if (!withOk) {
      problems.push(
        `${draft.id}: ${label}: with the existing policies expected ${expectedWithIt} (baseline ${baseline.decision}); got ${withIt.decision}${withIt.blockedBy.length ? ` (blocked by ${withIt.blockedBy.join(', ')})` : ''}`,
      );
    }
    if (withOk && !togetherOk) {
      problems.push(
        `${draft.id}: ${label}: expected ${expectedWithIt}, but together with the other generated policies it is ${together.decision}${together.deciding.length ? ` by ${together.deciding.join(', ')}` : ''}: the guardrails conflict for this request`,
      );
    }
    return {
      scenario: s,
      alone,
      baseline,
      withIt,
      together,
      expectedWithIt,
      ok: aloneOk && withOk && togetherOk,
    };
  });
  if (rows.length === 0) problems.push(`${draft.id}: no scenarios: a policy without a proof does not ship`);

  const endpointOptions =
    draft.attachment.kind === 'endpoint'
      ? { endpointVpcId: draft.attachment.vpcId, hubEndpoint: true }
      : undefined;
  const accepted = new Map((draft.acceptedLint ?? []).map((a) => [a.code, a.reason]));
  const lint: LintResult[] = policies.map((p) => {
    const issues = evaluator.lint(p.document, draft.kind, endpointOptions);
    const acc = issues
      .filter((i) => accepted.has(i.code))
      .map((issue) => ({ issue, reason: accepted.get(issue.code)! }));
    const failing = issues.filter((i) => !accepted.has(i.code));
    for (const f of failing) problems.push(`${p.name}: lint ${f.code} (${f.severity}): ${f.message}`);
    return { policy: p.name, issues, accepted: acc, failing };
  });

  return {
    draft,
    policies,
    engine: evaluator.engine,
    rows,
    lint,
    assumptions: [...assumptions].sort(),
    problems,
    ok: problems.length === 0,
  };
}
