// Small builders for IAM tests: policies from documents, requests from plain objects.
import { compileDocument, type CompiledPolicy } from '../../src/iam/compile.js';
import { evaluate, type Decision, type PolicySet } from '../../src/iam/evaluate.js';
import {
  contextFrom,
  makeRequest,
  type AuthzRequest,
  type RawContextValue,
  type UNKNOWN,
} from '../../src/iam/request.js';
import type { PolicyType } from '../../src/iam/types.js';

export const V = '2012-10-17';

export function pol(type: PolicyType, statements: unknown[], name = `${type}-policy`): CompiledPolicy {
  const p = compileDocument({ Version: V, Statement: statements }, type, name);
  const errs = p.issues.filter((i) => i.severity === 'error');
  if (errs.length > 0)
    throw new Error(
      `test policy ${name} is invalid: ${errs.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    );
  return p;
}

export const allowAll = (type: PolicyType = 'identity'): CompiledPolicy =>
  pol(
    type,
    [
      {
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        ...(type === 'vpce' || type === 'resource' ? { Principal: '*' } : {}),
      },
    ],
    `${type}-allow-all`,
  );

export function req(input: {
  principal: string;
  action: string;
  resource?: string;
  resourceAccount?: string;
  context?: Record<string, RawContextValue | typeof UNKNOWN>;
}): AuthzRequest {
  return makeRequest({
    principal: input.principal,
    action: input.action,
    resource: input.resource ?? '*',
    ...(input.resourceAccount !== undefined ? { resourceAccount: input.resourceAccount } : {}),
    context: contextFrom(input.context ?? {}),
  });
}

export function decide(set: Partial<PolicySet>, r: AuthzRequest): Decision {
  return evaluate({ identity: [], ...set }, r);
}
