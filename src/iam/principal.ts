// Who makes the request, and how a policy's Principal element matches it.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
import { isAccountId } from '../estate/ids.js';

export type PrincipalKind =
  | 'root'
  | 'user'
  | 'role'
  | 'assumed-role'
  | 'federated-user'
  | 'service'
  | 'federated'
  | 'canonical'
  | 'anonymous'
  | 'unknown';

export interface RequestPrincipal {
  /** As given: an ARN, a service principal (`ec2.amazonaws.com`), `anonymous`, … */
  readonly raw: string;
  readonly kind: PrincipalKind;
  readonly accountId?: string;
  /** User name, role name or federated user name. */
  readonly name?: string;
  readonly sessionName?: string;
  /** The role ARN behind a role session (with its path when known). */
  readonly roleArn?: string;
  /** Value of aws:PrincipalArn (for a role session: the role's ARN). */
  readonly principalArn?: string;
  /** Value of aws:PrincipalType. */
  readonly principalType?: 'Account' | 'User' | 'FederatedUser' | 'AssumedRole' | 'Anonymous';
}

const ARN_RE = /^arn:([^:]+):(iam|sts)::(\d{12}):(.+)$/;

/**
 * Reads a principal ARN. For a role session (`arn:aws:sts::1:assumed-role/R/s`) the role ARN is
 * `arn:<p>:iam::1:role/R` unless `options.roleArn` gives the real one (with its path): the session
 * ARN does not carry the role's path.
 */
export function parsePrincipalArn(
  raw: string,
  options: { readonly roleArn?: string } = {},
): RequestPrincipal {
  if (raw === 'anonymous' || raw === '*') return { raw, kind: 'anonymous', principalType: 'Anonymous' };
  if (isAccountId(raw)) {
    return {
      raw,
      kind: 'root',
      accountId: raw,
      principalArn: `arn:aws:iam::${raw}:root`,
      principalType: 'Account',
    };
  }
  const m = ARN_RE.exec(raw);
  if (!m) {
    if (/^[0-9a-f]{64}$/.test(raw)) return { raw, kind: 'canonical' };
    if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(raw)) return { raw, kind: 'service' };
    if (
      /^arn:[^:]+:iam::\d{12}:(saml|oidc)-provider\//.test(raw) ||
      /^[a-z0-9.-]+\.(com|net|org)$/.test(raw)
    ) {
      return { raw, kind: 'federated' };
    }
    return { raw, kind: 'unknown' };
  }
  const [, partition, service, accountId, rest] = m as unknown as [string, string, string, string, string];
  if (service === 'iam' && rest === 'root') {
    return { raw, kind: 'root', accountId, principalArn: raw, principalType: 'Account' };
  }
  if (service === 'iam' && rest.startsWith('user/')) {
    const name = rest.slice(rest.lastIndexOf('/') + 1);
    return { raw, kind: 'user', accountId, name, principalArn: raw, principalType: 'User' };
  }
  if (service === 'iam' && rest.startsWith('role/')) {
    const name = rest.slice(rest.lastIndexOf('/') + 1);
    return {
      raw,
      kind: 'role',
      accountId,
      name,
      roleArn: raw,
      principalArn: raw,
      principalType: 'AssumedRole',
    };
  }
  if (service === 'sts' && rest.startsWith('assumed-role/')) {
    const parts = rest.split('/');
    const name = parts[1] ?? '';
    const sessionName = parts.slice(2).join('/');
    const roleArn = options.roleArn ?? `arn:${partition}:iam::${accountId}:role/${name}`;
    return {
      raw,
      kind: 'assumed-role',
      accountId,
      name,
      sessionName,
      roleArn,
      principalArn: roleArn,
      principalType: 'AssumedRole',
    };
  }
  if (service === 'sts' && rest.startsWith('federated-user/')) {
    const name = rest.slice('federated-user/'.length);
    return {
      raw,
      kind: 'federated-user',
      accountId,
      name,
      principalArn: raw,
      principalType: 'FederatedUser',
    };
  }
  return { raw, kind: 'unknown', accountId };
}

/** How a Principal value matched: decides the boundary/session exceptions (DOMAIN.md §3). */
export type PrincipalMatchKind =
  | 'wildcard'
  | 'account'
  | 'user'
  | 'role'
  | 'session'
  | 'federated-user'
  | 'service'
  | 'federated'
  | 'canonical';

export type PrincipalValueMatcher = (p: RequestPrincipal) => PrincipalMatchKind | undefined;

function roleNameOf(arnRest: string): string {
  return arnRest.slice(arnRest.lastIndexOf('/') + 1);
}

/** Compiles one value of `Principal.AWS`. Partial wildcards never match (AWS rejects them). */
export function compileAwsPrincipal(value: string): PrincipalValueMatcher {
  if (value === '*') return (p) => (p.kind === 'anonymous' ? undefined : 'wildcard');
  if (isAccountId(value)) {
    return (p) => (p.accountId === value && isAwsIdentity(p) ? 'account' : undefined);
  }
  const m = ARN_RE.exec(value);
  if (!m) return () => undefined;
  const [, , service, accountId, rest] = m as unknown as [string, string, string, string, string];
  if (service === 'iam' && rest === 'root') {
    return (p) => (p.accountId === accountId && isAwsIdentity(p) ? 'account' : undefined);
  }
  if (service === 'iam' && rest.startsWith('user/')) {
    return (p) => (p.kind === 'user' && p.raw === value ? 'user' : undefined);
  }
  if (service === 'iam' && rest.startsWith('role/')) {
    const name = roleNameOf(rest);
    return (p) => {
      if (p.accountId !== accountId) return undefined;
      if (p.kind === 'role' && p.raw === value) return 'role';
      // A session of the role: the session ARN has no path, so compare account and role name.
      if (p.kind === 'assumed-role' && (p.roleArn === value || p.name === name)) return 'role';
      return undefined;
    };
  }
  if (service === 'sts' && rest.startsWith('assumed-role/')) {
    return (p) => (p.kind === 'assumed-role' && p.raw === value ? 'session' : undefined);
  }
  if (service === 'sts' && rest.startsWith('federated-user/')) {
    return (p) => (p.kind === 'federated-user' && p.raw === value ? 'federated-user' : undefined);
  }
  return () => undefined;
}

function isAwsIdentity(p: RequestPrincipal): boolean {
  return p.kind !== 'service' && p.kind !== 'anonymous' && p.kind !== 'federated' && p.kind !== 'canonical';
}

export function compileServicePrincipal(value: string): PrincipalValueMatcher {
  const v = value.toLowerCase();
  return (p) => (p.kind === 'service' && p.raw.toLowerCase() === v ? 'service' : undefined);
}

export function compileExactPrincipal(value: string, kind: 'federated' | 'canonical'): PrincipalValueMatcher {
  return (p) => (p.kind === kind && p.raw === value ? kind : undefined);
}
