// The portable evaluation case file (`perimeter eval CASE.json`), the shape open-source IAM
// simulators use, so their cases run here:
//   {request: {principal, action, resource: {resource, accountId}, context | contextVariables},
//    identityPolicies, permissionBoundaries, sessionPolicy,
//    serviceControlPolicies: [{orgIdentifier, policies}], resourceControlPolicies: [...],
//    resourcePolicy, endpointPolicies}
// Each policy may be bare or wrapped as {name | policyId, policy}; a policy may be a JSON string.
// Extensions (optional): resourcePolicyType ("resource" | "trust"), principalIsManagementAccount,
// resourceIsManagementAccount.
import { isAccountId } from '../estate/ids.js';
import { compilePolicy, type CompiledPolicy } from './compile.js';
import type { OrgLevel, PolicySet } from './evaluate.js';
import { parsePolicy } from './parse.js';
import { makeRequest, type AuthzRequest, type ContextValue } from './request.js';
import type { PolicyType } from './types.js';

export interface CaseProblem {
  /** JSON path in the case file, e.g. `$.identityPolicies[1].policy.Statement[0].Effect`. */
  readonly path: string;
  readonly message: string;
}

export class CaseFileError extends Error {
  override readonly name = 'CaseFileError';
  constructor(readonly problems: readonly CaseProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  }
}

export interface EvalCase {
  readonly request: AuthzRequest;
  readonly policies: PolicySet;
  /** Policy warnings and ignored fields (the case still evaluates). */
  readonly warnings: readonly CaseProblem[];
}

const knownTop = new Set([
  'request',
  'identityPolicies',
  'permissionBoundaries',
  'permissionsBoundaries',
  'permissionBoundary',
  'sessionPolicy',
  'serviceControlPolicies',
  'resourceControlPolicies',
  'resourcePolicy',
  'resourcePolicyType',
  'endpointPolicies',
  'vpcEndpointPolicies',
  'principalIsManagementAccount',
  'resourceIsManagementAccount',
  'name',
  'description',
  'expected',
  'source',
]);

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses and compiles a case; throws CaseFileError listing every problem found. */
export function parseCase(data: unknown): EvalCase {
  const problems: CaseProblem[] = [];
  const warnings: CaseProblem[] = [];
  const bad = (path: string, found: unknown, expected: string): void => {
    problems.push({ path, message: `found ${show(found)}, expected ${expected}` });
  };
  if (!isRecord(data)) {
    bad('$', data, 'an object with "request" and the policy lists');
    throw new CaseFileError(problems);
  }
  for (const k of Object.keys(data)) {
    if (!knownTop.has(k)) warnings.push({ path: `$.${k}`, message: `unknown field ${show(k)} ignored` });
  }

  const policy = (
    v: unknown,
    path: string,
    type: PolicyType,
    fallbackName: string,
  ): CompiledPolicy | undefined => {
    let doc = v;
    let name = fallbackName;
    let docPath = path;
    if (isRecord(v) && 'policy' in v && !('Statement' in v)) {
      doc = v.policy;
      docPath = `${path}.policy`;
      const n = v.name ?? v.policyId;
      if (n !== undefined) {
        if (typeof n !== 'string')
          bad(`${path}.${v.name !== undefined ? 'name' : 'policyId'}`, n, 'a string');
        else name = n;
      }
    }
    if (!isRecord(doc) && typeof doc !== 'string') {
      bad(
        docPath,
        doc,
        'a policy document (an object with Version and Statement, or its JSON string) or {name, policy}',
      );
      return undefined;
    }
    const r = parsePolicy(doc, type);
    for (const i of r.issues) {
      const p = { path: `${docPath}${i.path.slice(1)}`, message: i.message };
      if (i.severity === 'error') problems.push(p);
      else warnings.push(p);
    }
    return compilePolicy(r.policy, name, r.issues);
  };
  const policyList = (v: unknown, path: string, type: PolicyType, prefix: string): CompiledPolicy[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      bad(path, v, 'an array of policies');
      return [];
    }
    return v.flatMap((p, i) => policy(p, `${path}[${i}]`, type, `${prefix}-${i}`) ?? []);
  };
  const orgLevels = (v: unknown, path: string, type: PolicyType): OrgLevel[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      bad(path, v, 'an array of {orgIdentifier, policies} (root first)');
      return [];
    }
    return v.flatMap((level, i) => {
      const lp = `${path}[${i}]`;
      if (!isRecord(level)) {
        bad(lp, level, 'an object {orgIdentifier, policies}');
        return [];
      }
      const id = level.orgIdentifier;
      if (typeof id !== 'string') bad(`${lp}.orgIdentifier`, id, 'a root, OU or account id string');
      const levelId = typeof id === 'string' ? id : `level-${i}`;
      return [
        { id: levelId, policies: policyList(level.policies, `${lp}.policies`, type, `${type}-${levelId}`) },
      ];
    });
  };

  // Request.
  const rq = data.request;
  let principal = '';
  let action = '';
  let resource = '';
  let resourceAccount: string | undefined;
  const context = new Map<string, ContextValue>();
  if (!isRecord(rq))
    bad('$.request', rq, 'an object {principal, action, resource: {resource, accountId}, context}');
  else {
    if (typeof rq.principal !== 'string' || rq.principal === '')
      bad('$.request.principal', rq.principal, 'a principal ARN string');
    else principal = rq.principal;
    if (typeof rq.action !== 'string' || !/^[a-zA-Z0-9-]+:[a-zA-Z0-9]+$/.test(rq.action)) {
      bad('$.request.action', rq.action, 'an action "service:Action" without wildcards');
    } else action = rq.action;
    const r = rq.resource;
    if (typeof r === 'string') resource = r;
    else if (isRecord(r)) {
      if (typeof r.resource !== 'string' || r.resource === '')
        bad('$.request.resource.resource', r.resource, 'a resource ARN string or "*"');
      else resource = r.resource;
      if (r.accountId !== undefined) {
        if (typeof r.accountId !== 'string' || !isAccountId(r.accountId))
          bad('$.request.resource.accountId', r.accountId, 'a 12-digit account id string');
        else resourceAccount = r.accountId;
      }
    } else bad('$.request.resource', r, 'an object {resource, accountId} or a resource ARN string');
    const ctxKey = rq.context !== undefined ? 'context' : 'contextVariables';
    const ctx = rq[ctxKey];
    if (ctx !== undefined) {
      if (!isRecord(ctx))
        bad(`$.request.${ctxKey}`, ctx, 'an object of condition key → value or array of values');
      else {
        for (const [k, val] of Object.entries(ctx)) {
          const vals = Array.isArray(val) ? val : [val];
          if (vals.some((x) => typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean')) {
            bad(`$.request.${ctxKey}["${k}"]`, val, 'a string, number, boolean or an array of them');
            continue;
          }
          context.set(k.toLowerCase(), vals.map(String));
        }
      }
    }
  }

  const resourceType = data.resourcePolicyType === undefined ? 'resource' : data.resourcePolicyType;
  if (resourceType !== 'resource' && resourceType !== 'trust') {
    bad('$.resourcePolicyType', resourceType, '"resource" or "trust"');
  }
  const identity = policyList(data.identityPolicies, '$.identityPolicies', 'identity', 'identity');
  const boundaryKey = ['permissionBoundaries', 'permissionsBoundaries', 'permissionBoundary'].find(
    (k) => data[k] !== undefined,
  );
  const boundaryRaw = boundaryKey ? data[boundaryKey] : undefined;
  const boundary =
    boundaryKey === undefined
      ? []
      : Array.isArray(boundaryRaw)
        ? policyList(boundaryRaw, `$.${boundaryKey}`, 'boundary', 'boundary')
        : [policy(boundaryRaw, `$.${boundaryKey}`, 'boundary', 'boundary')].flatMap((p) => p ?? []);
  const session =
    data.sessionPolicy === undefined || data.sessionPolicy === null
      ? []
      : [policy(data.sessionPolicy, '$.sessionPolicy', 'session', 'session')].flatMap((p) => p ?? []);
  const resourcePolicy =
    data.resourcePolicy === undefined || data.resourcePolicy === null
      ? undefined
      : policy(
          data.resourcePolicy,
          '$.resourcePolicy',
          resourceType === 'trust' ? 'trust' : 'resource',
          'resource',
        );
  const endpointKey = data.endpointPolicies !== undefined ? 'endpointPolicies' : 'vpcEndpointPolicies';
  const endpoint = policyList(data[endpointKey], `$.${endpointKey}`, 'vpce', 'vpce');
  const scp = orgLevels(data.serviceControlPolicies, '$.serviceControlPolicies', 'scp');
  const rcp = orgLevels(data.resourceControlPolicies, '$.resourceControlPolicies', 'rcp');
  for (const k of ['principalIsManagementAccount', 'resourceIsManagementAccount'] as const) {
    if (data[k] !== undefined && typeof data[k] !== 'boolean') bad(`$.${k}`, data[k], 'true or false');
  }
  if (problems.length > 0) throw new CaseFileError(problems);

  const policies: PolicySet = {
    identity,
    boundary,
    session,
    scp,
    rcp,
    endpoint,
    ...(resourcePolicy ? { resource: resourcePolicy } : {}),
    principalIsManagementAccount: data.principalIsManagementAccount === true,
    resourceIsManagementAccount: data.resourceIsManagementAccount === true,
  };
  const request = makeRequest({
    principal,
    action,
    resource,
    ...(resourceAccount !== undefined ? { resourceAccount } : {}),
    context,
  });
  return { request, policies, warnings };
}
