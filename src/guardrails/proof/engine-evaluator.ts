// PolicyEvaluator on perimeter's own IAM engine (src/iam): parse + compile once per document,
// evaluate with the full logic (SCP levels, RCPs, endpoint policy, identity ∪ resource).
import { compileDocument, type CompiledPolicy } from '../../iam/compile.js';
import { evaluate, type PolicySet } from '../../iam/evaluate.js';
import { lintPolicy } from '../../iam/lint.js';
import { contextFrom, makeRequest } from '../../iam/request.js';
import type { PolicyType } from '../../iam/types.js';
import type { PolicyKind } from '../types.js';
import type {
  EvaluationInput,
  EvaluationOutcome,
  LintIssue,
  NamedPolicy,
  PolicyEvaluator,
} from './evaluator.js';

const typeOf: Record<PolicyKind, PolicyType> = { scp: 'scp', rcp: 'rcp', vpce: 'vpce', identity: 'identity' };

export function createEngineEvaluator(): PolicyEvaluator {
  const cache = new Map<string, CompiledPolicy>();
  const compile = (p: NamedPolicy, type: PolicyType): CompiledPolicy => {
    const key = `${type}\u0000${p.name}\u0000${typeof p.document === 'string' ? p.document : JSON.stringify(p.document)}`;
    let c = cache.get(key);
    if (c === undefined) {
      c = compileDocument(p.document, type, p.name);
      const errors = c.issues.filter((i) => i.severity === 'error');
      if (errors.length > 0) {
        throw new Error(
          `policy ${p.name} (${type}) does not parse: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
        );
      }
      cache.set(key, c);
    }
    return c;
  };
  return {
    engine: 'perimeter src/iam (evaluate.ts)',
    evaluate(input: EvaluationInput): EvaluationOutcome {
      const set: PolicySet = {
        identity: input.identityPolicies.map((p) => compile(p, 'identity')),
        ...(input.scpLevels && input.scpLevels.length > 0
          ? {
              scp: input.scpLevels.map((l) => ({
                id: l.id,
                policies: l.policies.map((p) => compile(p, 'scp')),
              })),
            }
          : {}),
        ...(input.rcpLevels && input.rcpLevels.length > 0
          ? {
              rcp: input.rcpLevels.map((l) => ({
                id: l.id,
                policies: l.policies.map((p) => compile(p, 'rcp')),
              })),
            }
          : {}),
        ...(input.resourcePolicy ? { resource: compile(input.resourcePolicy, 'resource') } : {}),
        ...(input.endpointPolicy ? { endpoint: [compile(input.endpointPolicy, 'vpce')] } : {}),
      };
      const raw: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(input.context)) raw[k] = typeof v === 'string' ? v : [...v];
      const req = makeRequest({
        principal: input.principalArn,
        action: input.action,
        resource: input.resource,
        ...(input.resourceAccount !== undefined ? { resourceAccount: input.resourceAccount } : {}),
        context: contextFrom(raw),
      });
      const d = evaluate(set, req);
      return {
        decision: d.decision,
        blockedBy: [...d.blockedBy],
        deciding: d.deciding.map((r) => `${r.policy}#${r.sid ?? r.statement}`),
      };
    },
    lint(document: unknown, kind: PolicyKind, options = {}): readonly LintIssue[] {
      return lintPolicy(document, typeOf[kind], options).map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
      }));
    },
  };
}
