// Parse and validate a policy document of a given type. Every problem is reported (never only the
// first), each naming the statement, the JSON path of the field, the value found and what was
// expected. The result always carries the statements that could be read, so lint can go on.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
// SCP / RCP rules: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html
import { isAccountId } from '../estate/ids.js';
import { tryParseCidr } from '../net/index.js';
import { parseOperator } from './operators.js';
import { parsePattern } from './pattern.js';
import { parseDateValue } from './values.js';
import type {
  ConditionClause,
  Effect,
  Policy,
  PolicyIssue,
  PolicyType,
  PrincipalElement,
  Statement,
} from './types.js';
import { statementLabel } from './types.js';

export interface ParseResult {
  /** Best effort: statements with errors are kept when their Effect and Action could be read. */
  readonly policy: Policy;
  readonly issues: readonly PolicyIssue[];
  /** No issue of severity `error`. */
  readonly ok: boolean;
}

const topKeys = new Set(['Version', 'Id', 'Statement']);
const statementKeys = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);
const principalKeys = new Map([
  ['AWS', 'aws'],
  ['Service', 'service'],
  ['Federated', 'federated'],
  ['CanonicalUser', 'canonicalUser'],
] as const);

/** Types whose statements name a Principal. */
const principalRequired: ReadonlySet<PolicyType> = new Set(['resource', 'trust', 'vpce', 'rcp']);
const ACTION_RE = /^[a-zA-Z0-9-]+:[a-zA-Z0-9*?_-]+$/;

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses `document` (an object or a JSON string) as a policy of `type`. */
export function parsePolicy(document: unknown, type: PolicyType): ParseResult {
  const issues: PolicyIssue[] = [];
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc) as unknown;
    } catch (err) {
      issues.push({
        severity: 'error',
        path: '$',
        message: `the policy is not valid JSON (${(err as Error).message}); expected a JSON object with Version and Statement`,
      });
      return { policy: { type, statements: [] }, issues, ok: false };
    }
  }
  if (!isRecord(doc)) {
    issues.push({
      severity: 'error',
      path: '$',
      message: `found ${show(doc)}, expected a JSON object with Version and Statement`,
    });
    return { policy: { type, statements: [] }, issues, ok: false };
  }
  for (const k of Object.keys(doc)) {
    if (!topKeys.has(k)) {
      issues.push({
        severity: 'error',
        path: `$.${k}`,
        message: `unexpected top-level field ${show(k)} (expected only Version, Id, Statement)`,
      });
    }
  }
  let version: string | undefined;
  if (doc.Version === undefined) {
    issues.push({
      severity: 'warning',
      path: '$.Version',
      message:
        'Version is missing: AWS then uses 2008-10-17, where policy variables such as ${aws:username} are literal text (expected "2012-10-17")',
    });
  } else if (doc.Version === '2012-10-17' || doc.Version === '2008-10-17') {
    version = doc.Version;
  } else {
    issues.push({
      severity: 'error',
      path: '$.Version',
      message: `found ${show(doc.Version)}, expected "2012-10-17" (or the legacy "2008-10-17")`,
    });
  }
  if (doc.Id !== undefined && typeof doc.Id !== 'string') {
    issues.push({ severity: 'error', path: '$.Id', message: `found ${show(doc.Id)}, expected a string` });
  }
  const variables = version === '2012-10-17';
  const rawStatements: { value: unknown; path: string; index: number }[] = [];
  if (doc.Statement === undefined) {
    issues.push({
      severity: 'error',
      path: '$.Statement',
      message: 'Statement is missing (expected an object or an array of statements)',
    });
  } else if (Array.isArray(doc.Statement)) {
    if (doc.Statement.length === 0) {
      issues.push({
        severity: 'error',
        path: '$.Statement',
        message: 'Statement is an empty array (expected at least one statement)',
      });
    }
    doc.Statement.forEach((value, index) =>
      rawStatements.push({ value, path: `$.Statement[${index}]`, index }),
    );
  } else {
    rawStatements.push({ value: doc.Statement, path: '$.Statement', index: 0 });
  }
  const statements: Statement[] = [];
  const sids = new Map<string, number>();
  for (const raw of rawStatements) {
    const st = parseStatement(raw.value, raw.path, raw.index, type, variables, issues);
    if (st) {
      if (st.sid !== undefined) {
        const prior = sids.get(st.sid);
        if (prior !== undefined) {
          issues.push({
            severity: 'error',
            path: `${raw.path}.Sid`,
            statement: st.index,
            sid: st.sid,
            message: `${statementLabel(st.index, st.sid)}: Sid ${show(st.sid)} is also used by statement ${prior} (expected unique Sids)`,
          });
        } else sids.set(st.sid, st.index);
      }
      statements.push(st);
    }
  }
  const policy: Policy = {
    type,
    ...(version !== undefined ? { version } : {}),
    ...(typeof doc.Id === 'string' ? { id: doc.Id } : {}),
    statements,
  };
  return { policy, issues, ok: !issues.some((i) => i.severity === 'error') };
}

function stringList(
  v: unknown,
  path: string,
  field: string,
  label: string,
  ctx: { index: number; sid?: string },
  issues: PolicyIssue[],
): string[] | undefined {
  const arr = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
  if (arr === undefined || arr.some((x) => typeof x !== 'string')) {
    issues.push({
      severity: 'error',
      path,
      statement: ctx.index,
      ...(ctx.sid !== undefined ? { sid: ctx.sid } : {}),
      message: `${label}: ${field} is ${show(v)}, expected a string or an array of strings`,
    });
    return undefined;
  }
  if (arr.length === 0) {
    issues.push({
      severity: 'error',
      path,
      statement: ctx.index,
      ...(ctx.sid !== undefined ? { sid: ctx.sid } : {}),
      message: `${label}: ${field} is an empty array, expected at least one value`,
    });
  }
  return arr as string[];
}

function parseStatement(
  v: unknown,
  path: string,
  index: number,
  type: PolicyType,
  variables: boolean,
  issues: PolicyIssue[],
): Statement | undefined {
  if (!isRecord(v)) {
    issues.push({
      severity: 'error',
      path,
      statement: index,
      message: `statement ${index} is ${show(v)}, expected an object with Effect, Action and Resource`,
    });
    return undefined;
  }
  const sid = typeof v.Sid === 'string' ? v.Sid : undefined;
  const label = statementLabel(index, sid);
  const ctx = sid === undefined ? { index } : { index, sid };
  const err = (p: string, message: string, severity: 'error' | 'warning' = 'error'): void => {
    issues.push({
      severity,
      path: p,
      statement: index,
      ...(sid !== undefined ? { sid } : {}),
      message: `${label}: ${message}`,
    });
  };
  for (const k of Object.keys(v)) {
    if (!statementKeys.has(k)) {
      err(
        `${path}.${k}`,
        `unexpected field ${show(k)} (expected Sid, Effect, Action/NotAction, Resource/NotResource, Principal/NotPrincipal, Condition)`,
      );
    }
  }
  if (v.Sid !== undefined && typeof v.Sid !== 'string')
    err(`${path}.Sid`, `Sid is ${show(v.Sid)}, expected a string`);
  let effect: Effect | undefined;
  if (v.Effect === 'Allow' || v.Effect === 'Deny') effect = v.Effect;
  else err(`${path}.Effect`, `Effect is ${show(v.Effect)}, expected "Allow" or "Deny"`);

  // Action / NotAction: exactly one.
  let action: string[] | undefined;
  let notAction: string[] | undefined;
  if (v.Action !== undefined && v.NotAction !== undefined) {
    err(path, 'has both Action and NotAction, expected exactly one of them');
  }
  if (v.Action === undefined && v.NotAction === undefined) {
    err(path, 'has neither Action nor NotAction, expected exactly one of them');
  }
  if (v.Action !== undefined) action = stringList(v.Action, `${path}.Action`, 'Action', label, ctx, issues);
  if (v.NotAction !== undefined) {
    notAction = stringList(v.NotAction, `${path}.NotAction`, 'NotAction', label, ctx, issues);
  }
  const actionField = action ? 'Action' : 'NotAction';
  (action ?? notAction ?? []).forEach((a, i) => {
    if (a !== '*' && !ACTION_RE.test(a)) {
      err(
        `${path}.${actionField}[${i}]`,
        `${actionField} ${show(a)} is not an action, expected "*" or "service:Action" (wildcards * ? allowed in the action name)`,
      );
    }
  });

  // Resource / NotResource.
  let resource: string[] | undefined;
  let notResource: string[] | undefined;
  if (v.Resource !== undefined && v.NotResource !== undefined) {
    err(path, 'has both Resource and NotResource, expected at most one of them');
  }
  if (type === 'trust') {
    if (v.Resource !== undefined || v.NotResource !== undefined) {
      err(
        `${path}.${v.Resource !== undefined ? 'Resource' : 'NotResource'}`,
        'a role trust policy has no Resource (the resource is the role itself)',
      );
    }
  } else if (v.Resource === undefined && v.NotResource === undefined) {
    err(path, 'has neither Resource nor NotResource, expected one of them (e.g. "Resource": "*")');
  }
  if (v.Resource !== undefined)
    resource = stringList(v.Resource, `${path}.Resource`, 'Resource', label, ctx, issues);
  if (v.NotResource !== undefined) {
    notResource = stringList(v.NotResource, `${path}.NotResource`, 'NotResource', label, ctx, issues);
  }
  const resourceField = resource ? 'Resource' : 'NotResource';
  (resource ?? notResource ?? []).forEach((r, i) => {
    const p = parsePattern(r, true, variables);
    if (typeof p === 'string') err(`${path}.${resourceField}[${i}]`, p);
    else if (r !== '*' && !r.startsWith('arn:')) {
      err(
        `${path}.${resourceField}[${i}]`,
        `${resourceField} ${show(r)} is not an ARN, expected "*" or "arn:partition:service:region:account:resource"`,
      );
    }
    if (!variables && r.includes('${')) {
      err(
        `${path}.${resourceField}[${i}]`,
        `${show(r)} holds "\${" but the policy Version is not 2012-10-17, so it is literal text, not a policy variable`,
        'warning',
      );
    }
  });

  // Principal / NotPrincipal.
  let principal: PrincipalElement | undefined;
  let notPrincipal: PrincipalElement | undefined;
  if (v.Principal !== undefined && v.NotPrincipal !== undefined) {
    err(path, 'has both Principal and NotPrincipal, expected at most one of them');
  }
  const hasPrincipal = v.Principal !== undefined || v.NotPrincipal !== undefined;
  if (principalRequired.has(type) && !hasPrincipal) {
    err(`${path}.Principal`, `Principal is missing, expected it in a ${typeName(type)}`);
  }
  if (!principalRequired.has(type) && hasPrincipal) {
    err(
      `${path}.${v.Principal !== undefined ? 'Principal' : 'NotPrincipal'}`,
      `a ${typeName(type)} cannot name a Principal (it applies to the identity or accounts it is attached to)`,
    );
  }
  if (v.Principal !== undefined) principal = parsePrincipal(v.Principal, `${path}.Principal`, err);
  if (v.NotPrincipal !== undefined) {
    notPrincipal = parsePrincipal(v.NotPrincipal, `${path}.NotPrincipal`, err);
    if (type === 'vpce' || type === 'rcp')
      err(`${path}.NotPrincipal`, `NotPrincipal is not supported in a ${typeName(type)}, expected Principal`);
    if (effect === 'Allow') {
      err(
        `${path}.NotPrincipal`,
        'NotPrincipal with "Effect": "Allow" grants access to everyone except the named principals (AWS recommends NotPrincipal only with Deny)',
        'warning',
      );
    }
  }
  if (type === 'rcp') {
    if (principal !== undefined && principal.kind !== 'wildcard') {
      err(
        `${path}.Principal`,
        `Principal is ${show(v.Principal)}, expected "*" (RCPs restrict by condition keys, not by Principal)`,
      );
    }
    const fullAccess =
      effect === 'Allow' &&
      action?.length === 1 &&
      action[0] === '*' &&
      resource?.[0] === '*' &&
      v.Condition === undefined;
    if (effect === 'Allow' && !fullAccess) {
      err(
        `${path}.Effect`,
        'Effect is "Allow", expected "Deny" (RCPs support only Deny statements; RCPFullAWSAccess is the one Allow)',
      );
    }
  }

  const conditions =
    v.Condition === undefined ? [] : parseConditions(v.Condition, `${path}.Condition`, variables, err);
  if (effect === undefined || (action === undefined && notAction === undefined)) return undefined;
  const st: Statement = {
    index,
    ...(sid !== undefined ? { sid } : {}),
    effect,
    ...(action ? { action } : {}),
    ...(notAction ? { notAction } : {}),
    ...(resource ? { resource } : {}),
    ...(notResource ? { notResource } : {}),
    ...(principal ? { principal } : {}),
    ...(notPrincipal ? { notPrincipal } : {}),
    conditions,
  };
  return st;
}

function typeName(type: PolicyType): string {
  switch (type) {
    case 'identity':
      return 'identity policy';
    case 'resource':
      return 'resource policy';
    case 'trust':
      return 'role trust policy';
    case 'scp':
      return 'service control policy (SCP)';
    case 'rcp':
      return 'resource control policy (RCP)';
    case 'vpce':
      return 'VPC endpoint policy';
    case 'boundary':
      return 'permissions boundary';
    case 'session':
      return 'session policy';
  }
}

function parsePrincipal(
  v: unknown,
  path: string,
  err: (p: string, m: string, s?: 'error' | 'warning') => void,
): PrincipalElement | undefined {
  if (v === '*') return { kind: 'wildcard' };
  if (!isRecord(v)) {
    err(
      path,
      `Principal is ${show(v)}, expected "*" or an object with AWS, Service, Federated or CanonicalUser`,
    );
    return undefined;
  }
  const out = {
    aws: [] as string[],
    service: [] as string[],
    federated: [] as string[],
    canonicalUser: [] as string[],
  };
  for (const [k, val] of Object.entries(v)) {
    const field = principalKeys.get(k as 'AWS');
    if (field === undefined) {
      err(
        `${path}.${k}`,
        `unknown principal type ${show(k)}, expected AWS, Service, Federated or CanonicalUser`,
      );
      continue;
    }
    const list =
      typeof val === 'string'
        ? [val]
        : Array.isArray(val) && val.every((x) => typeof x === 'string')
          ? (val as string[])
          : undefined;
    if (list === undefined) {
      err(`${path}.${k}`, `${k} is ${show(val)}, expected a string or an array of strings`);
      continue;
    }
    list.forEach((p, i) => {
      if (p !== '*' && (p.includes('*') || p.includes('?'))) {
        err(
          `${path}.${k}[${i}]`,
          `${show(p)} has a wildcard inside a principal, expected a full ARN, account id or "*" (AWS does not match partial principal wildcards)`,
        );
      }
      if (k === 'AWS' && p !== '*' && !isAccountId(p) && !p.startsWith('arn:')) {
        err(
          `${path}.${k}[${i}]`,
          `${show(p)} is not an account id or ARN, expected e.g. "111122223333" or "arn:aws:iam::111122223333:role/Name"`,
        );
      }
    });
    out[field].push(...list);
  }
  if (out.aws.length + out.service.length + out.federated.length + out.canonicalUser.length === 0) {
    err(path, 'Principal names nobody, expected at least one principal');
  }
  return { kind: 'map', ...out };
}

function parseConditions(
  v: unknown,
  path: string,
  variables: boolean,
  err: (p: string, m: string, s?: 'error' | 'warning') => void,
): ConditionClause[] {
  if (!isRecord(v)) {
    err(path, `Condition is ${show(v)}, expected an object of operator → {key: value(s)}`);
    return [];
  }
  const out: ConditionClause[] = [];
  for (const [opText, block] of Object.entries(v)) {
    const opPath = `${path}.${opText}`;
    const parsed = parseOperator(opText);
    if (typeof parsed === 'string') {
      err(opPath, parsed);
      continue;
    }
    if (!isRecord(block)) {
      err(opPath, `${opText} is ${show(block)}, expected an object of condition key → value(s)`);
      continue;
    }
    for (const [key, raw] of Object.entries(block)) {
      const keyPath = `${opPath}["${key}"]`;
      if (key.trim() === '') {
        err(keyPath, 'empty condition key, expected e.g. "aws:SourceVpc"');
        continue;
      }
      const list = Array.isArray(raw) ? raw : [raw];
      if (list.some((x) => typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean')) {
        err(
          keyPath,
          `${opText} ${key} is ${show(raw)}, expected a string, number, boolean or an array of them`,
        );
        continue;
      }
      const values = list.map((x) => String(x));
      // An empty value list is valid grammar but never matches: lint L11 reports it.
      values.forEach((val, i) => {
        const vp = Array.isArray(raw) ? `${keyPath}[${i}]` : keyPath;
        const problem = checkValue(parsed.info.category, parsed.info.variables && variables, val);
        if (problem) err(vp, `${opText} ${key}: ${problem}`);
        if (!variables && parsed.info.variables && val.includes('${')) {
          err(
            vp,
            `${show(val)} holds "\${" but the policy Version is not 2012-10-17, so it is literal text, not a policy variable`,
            'warning',
          );
        }
      });
      out.push({
        operator: opText,
        base: parsed.info.name,
        ...(parsed.setOperator ? { setOperator: parsed.setOperator } : {}),
        ifExists: parsed.ifExists,
        key,
        values,
      });
    }
  }
  return out;
}

/** Why `val` is not a valid value for an operator category, or undefined. */
function checkValue(category: string, variables: boolean, val: string): string | undefined {
  switch (category) {
    case 'numeric':
      return Number.isFinite(Number(val)) && val.trim() !== ''
        ? undefined
        : `value ${show(val)} is not a number, expected e.g. "10" or "2.5"`;
    case 'date':
      return parseDateValue(val) === undefined
        ? `value ${show(val)} is not a date, expected ISO 8601 (e.g. "2026-01-31T00:00:00Z") or epoch seconds`
        : undefined;
    case 'bool':
      if (variables && val.includes('${')) return undefined;
      return /^(true|false)$/i.test(val)
        ? undefined
        : `value ${show(val)} is not a boolean, expected "true" or "false"`;
    case 'ip':
      return tryParseCidr(val)
        ? undefined
        : `value ${show(val)} is not an IP address or CIDR, expected e.g. "203.0.113.0/24" or "2001:db8::/32"`;
    case 'null':
      return /^(true|false)$/i.test(val)
        ? undefined
        : `value ${show(val)} is not "true" or "false" (Null tests whether the key is absent)`;
    case 'string':
    case 'arn': {
      if (!variables) return undefined;
      const p = parsePattern(val, true, true);
      return typeof p === 'string' ? p : undefined;
    }
    default:
      return undefined;
  }
}
