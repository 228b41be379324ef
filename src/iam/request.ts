// The request being authorized and its context keys.
//
// Context keys are present (one or more string values), absent, or UNKNOWN (the estate does not
// tell us). Key names are case-insensitive (IAM User Guide, "IAM JSON policy elements: Condition":
// "Condition key names are not case-sensitive"), so keys are stored lower-cased.
import { parsePrincipalArn, type RequestPrincipal } from './principal.js';

/** The value of a key we cannot know from the data. Conditions on it evaluate to "unknown". */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type ContextValue = readonly string[] | typeof UNKNOWN;

/** Lower-cased key → values. A key that is not in the map is absent from the request. */
export type RequestContext = ReadonlyMap<string, ContextValue>;

export interface AuthzRequest {
  readonly principal: RequestPrincipal;
  /** `service:Action`. */
  readonly action: string;
  /** Lower-cased action, computed once (actions match case-insensitively). */
  readonly actionLower: string;
  /** Small integer naming the lower-cased action process-wide (indexes per-policy action tables). */
  readonly actionId: number;
  /** Resource ARN, or `*` for actions without a resource. */
  readonly resource: string;
  /** Account that owns the resource, when known. */
  readonly resourceAccount?: string;
  readonly context: RequestContext;
}

const actionIds = new Map<string, number>();
/** Interns a lower-cased action to a small integer (ids are never reused). */
export function actionIdOf(actionLower: string): number {
  let id = actionIds.get(actionLower);
  if (id === undefined) {
    id = actionIds.size;
    actionIds.set(actionLower, id);
  }
  return id;
}

export type RawContextValue = string | number | boolean | readonly (string | number | boolean)[];

/** Builds a context map from `{key: value | values}`; key case is folded, values stringified. */
export function contextFrom(
  raw: Readonly<Record<string, RawContextValue | typeof UNKNOWN>>,
): Map<string, ContextValue> {
  const m = new Map<string, ContextValue>();
  for (const [k, v] of Object.entries(raw)) {
    m.set(k.toLowerCase(), v === UNKNOWN ? UNKNOWN : Array.isArray(v) ? v.map(String) : [String(v)]);
  }
  return m;
}

/**
 * Adds the keys AWS derives from the principal and resource when the caller did not give them:
 * aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:username / aws:userid for users,
 * aws:ResourceAccount. Given keys always win.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
export function withDerivedKeys(
  context: ReadonlyMap<string, ContextValue>,
  principal: RequestPrincipal,
  resourceAccount: string | undefined,
): Map<string, ContextValue> {
  const m = new Map(context);
  const put = (k: string, v: string | undefined): void => {
    if (v !== undefined && !m.has(k)) m.set(k, [v]);
  };
  if (principal.principalArn !== undefined) put('aws:principalarn', principal.principalArn);
  put('aws:principalaccount', principal.accountId);
  put('aws:principaltype', principal.principalType);
  if (principal.kind === 'user') put('aws:username', principal.name);
  put('aws:resourceaccount', resourceAccount);
  return m;
}

export function makeRequest(input: {
  principal: string | RequestPrincipal;
  action: string;
  resource: string;
  resourceAccount?: string;
  context?: ReadonlyMap<string, ContextValue>;
  /** Add aws:PrincipalArn & co. from the principal (default true). */
  deriveKeys?: boolean;
}): AuthzRequest {
  const principal =
    typeof input.principal === 'string' ? parsePrincipalArn(input.principal) : input.principal;
  const base = input.context ?? new Map<string, ContextValue>();
  const context = input.deriveKeys === false ? base : withDerivedKeys(base, principal, input.resourceAccount);
  const actionLower = input.action.toLowerCase();
  const req: AuthzRequest = {
    principal,
    action: input.action,
    actionLower,
    actionId: actionIdOf(actionLower),
    resource: input.resource,
    context,
  };
  return input.resourceAccount === undefined ? req : { ...req, resourceAccount: input.resourceAccount };
}
