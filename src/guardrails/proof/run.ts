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

function named(p: GeneratedPolicy): NamedPolicy {
  return { name: p.name, document: p.document };
}

function roleKey(arn: string): string | undefined {
  const m = /^arn:[^:]+:(?:iam|sts)::(\d{12}):(?:role\/(?:.*\/)?|assumed-role\/)([^/]+)/.exec(arn);
  return m ? `${m[1]}|${m[2]}` : undefined;
}

export function runProof(
  estate: Estate,
  draft: GuardrailDraft,
  policies: readonly GeneratedPolicy[],
  evaluator: PolicyEvaluator,
): Proof {
  const assumptions = new Set<string>();
  const mgmt = estate.organization?.managementAccountId;
  const targets = draft.attachment.kind === 'org' ? new Set(draft.attachment.targetIds) : new Set<string>();
  const parts = policies.map(named);

  const scpLevels = (
    path: readonly string[] | undefined,
    principalAccount: string,
    mode: 'alone' | 'baseline' | 'with',
  ): OrgLevelPolicies[] | undefined => {
    if (path === undefined || path.length === 0 || principalAccount === mgmt) return undefined;
    return path.map((id) => {
      const existing = attachedPolicies(estate, id, 'SERVICE_CONTROL_POLICY').map((p) => ({
        name: p.name,
        document: p.document,
      }));
      if (existing.length === 0 && mode !== 'alone') {
        assumptions.add(
          `${id}: no SCP attached in the snapshot; assumed FullAWSAccess (every root, OU and account has at least one SCP)`,
        );
      }
      const base = mode === 'alone' || existing.length === 0 ? [fullAwsAccess] : existing;
      const gen = mode !== 'baseline' && draft.kind === 'scp' && targets.has(id) ? parts : [];
      return { id, policies: [...base, ...gen] };
    });
  };
  const rcpLevels = (
    path: readonly string[] | undefined,
    resourceAccount: string | undefined,
    mode: 'alone' | 'baseline' | 'with',
  ): OrgLevelPolicies[] | undefined => {
    if (
      path === undefined ||
      path.length === 0 ||
      (resourceAccount !== undefined && resourceAccount === mgmt)
    )
      return undefined;
    return path.map((id) => {
      const existing =
        mode === 'alone'
          ? []
          : attachedPolicies(estate, id, 'RESOURCE_CONTROL_POLICY').map((p) => ({
              name: p.name,
              document: p.document,
            }));
      const base = existing.some((p) => p.name === 'RCPFullAWSAccess')
        ? existing
        : [rcpFullAwsAccess, ...existing];
      const gen = mode !== 'baseline' && draft.kind === 'rcp' && targets.has(id) ? parts : [];
      return { id, policies: [...base, ...gen] };
    });
  };
  const existingEndpointPolicy = (): NamedPolicy | undefined => {
    const a = draft.attachment;
    if (a.kind !== 'endpoint' || a.endpointId === undefined) return undefined;
    const doc = estate.vpcEndpoints.get(a.endpointId)?.policyDocument;
    return doc === undefined ? undefined : { name: `${a.endpointId} (current policy)`, document: doc };
  };

  // 'context': the existing chain without the policy this one replaces (an endpoint has exactly one
  // policy: the generated one replaces the current one, so the current one is not part of what
  // the intent's "allow" rows are compared with).
  const input = (s: Scenario, mode: 'alone' | 'baseline' | 'with' | 'context'): EvaluationInput => {
    const identityApplies =
      draft.kind === 'identity' &&
      draft.attachment.kind === 'role' &&
      roleKey(s.principalArn) === `${draft.attachment.accountId}|${draft.attachment.roleName}`;
    const chainMode = mode === 'context' ? 'baseline' : mode;
    const scp = scpLevels(s.principalOrgPath, s.principalAccount, chainMode);
    const rcp = rcpLevels(s.resourceOrgPath, s.resourceAccount, chainMode);
    const endpoint =
      draft.kind === 'vpce' && s.throughEndpoint === true
        ? mode === 'baseline'
          ? existingEndpointPolicy()
          : mode === 'context'
            ? undefined
            : parts[0]
        : undefined;
    return {
      principalArn: s.principalArn,
      action: s.action,
      resource: s.resource,
      ...(s.resourceAccount !== undefined ? { resourceAccount: s.resourceAccount } : {}),
      context: s.context,
      ...(scp ? { scpLevels: scp } : {}),
      ...(rcp ? { rcpLevels: rcp } : {}),
      identityPolicies:
        (mode === 'alone' || mode === 'with') && identityApplies ? [allowAll, ...parts] : [allowAll],
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
    return { scenario: s, alone, baseline, withIt, expectedWithIt, ok: aloneOk && withOk };
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
