// `perimeter simulate`: one request (principal, action, resource) evaluated on every network path
// the estate makes possible for the principal, plus the stolen-credential paths. Each row carries
// the decision, what blocked it, the deciding statements and the request context (present /
// absent / unknown keys). Pure over the Estate; internet egress is injected (see network-paths.ts).
import type { Estate, IamRole, IamUser } from '../estate/model.js';
import { buildRequestContext } from './context.js';
import type { Decision, PolicySet, PolicySetKind, StatementRef } from './evaluate.js';
import { evaluate } from './evaluate.js';
import { compiledFor, orgLevels, principalPolicies } from './estate-policies.js';
import { networkPaths, type EgressLookup, type PathKind } from './network-paths.js';
import { parsePrincipalArn } from './principal.js';
import { makeRequest, UNKNOWN } from './request.js';

export class SimulateError extends Error {
  override readonly name = 'SimulateError';
}

export interface SimulateInput {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** Account owning the resource; else taken from the ARN, else assumed to be the principal's (noted). */
  readonly resourceAccount?: string;
  /** Region the request is sent to (aws:RequestedRegion); else from the resource ARN, else unknown. */
  readonly region?: string;
  readonly egressOf: EgressLookup;
  /** Evaluate only these path kinds (default: all). */
  readonly onlyKinds?: readonly PathKind[];
}

export interface SimulationRow {
  readonly path: string;
  readonly kind: PathKind;
  readonly label: string;
  readonly hops: readonly string[];
  readonly decision: Decision['decision'];
  readonly blockedBy: readonly PolicySetKind[];
  /** SCP levels and endpoint policies that did not allow. */
  readonly blockedAt: readonly string[];
  readonly deciding: readonly StatementRef[];
  readonly unknownKeys: readonly string[];
  readonly context: {
    readonly present: Readonly<Record<string, string>>;
    readonly absent: readonly string[];
    readonly unknown: readonly string[];
  };
  readonly notes: readonly string[];
}

export interface SimulationResult {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly rows: readonly SimulationRow[];
  readonly notes: readonly string[];
}

const ACTION_RE = /^([a-zA-Z0-9-]+):([a-zA-Z0-9]+)$/;

/**
 * Actions AWS performs without an authorization check: "No permissions are required to perform
 * this operation. If an administrator attaches a policy to your identity that explicitly denies
 * access to the sts:GetCallerIdentity action, you can still perform this operation."
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html). Only valid,
 * signed credentials are needed — which is why it is the first call made with stolen ones.
 */
const NO_PERMISSION_ACTIONS = new Set(['sts:getcalleridentity']);

export function needsNoPermission(action: string): boolean {
  return NO_PERMISSION_ACTIONS.has(action.toLowerCase());
}

/** Finds the role or user behind an ARN (a role session ARN maps to its role). */
export function findPrincipal(estate: Estate, arn: string): IamRole | IamUser | undefined {
  const direct = estate.iamRoles.get(arn) ?? estate.iamUsers.get(arn);
  if (direct) return direct;
  const p = parsePrincipalArn(arn);
  if (p.kind === 'assumed-role' || p.kind === 'role') {
    return [...estate.iamRoles.values()].find((r) => r.accountId === p.accountId && r.name === p.name);
  }
  if (p.kind === 'user')
    return [...estate.iamUsers.values()].find((u) => u.accountId === p.accountId && u.name === p.name);
  return undefined;
}

export function simulate(estate: Estate, input: SimulateInput): SimulationResult {
  const m = ACTION_RE.exec(input.action);
  if (!m)
    throw new SimulateError(
      `--action ${JSON.stringify(input.action)} is not an action (expected "service:Action" without wildcards, e.g. s3:GetObject)`,
    );
  const service = (m[1] as string).toLowerCase();
  const principal = findPrincipal(estate, input.principal);
  if (!principal) {
    throw new SimulateError(
      `--principal ${JSON.stringify(input.principal)} is not an IAM role or user in the snapshot (expected a role or user ARN from the estate's IAM data)`,
    );
  }
  const notes: string[] = [];
  const arnAccount = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(input.resource)?.[1];
  const resourceAccount = input.resourceAccount ?? arnAccount ?? principal.accountId;
  if (input.resourceAccount === undefined && arnAccount === undefined) {
    notes.push(
      `the resource's account is not in its ARN: assumed to be the principal's (${principal.accountId}); pass --resource-account otherwise`,
    );
  }
  notes.push('resource policies are not modelled: the resource side is evaluated as having none');
  const region = input.region ?? /^arn:[^:]+:[^:]*:([a-z0-9-]+):/.exec(input.resource)?.[1];

  const pp = principalPolicies(estate, principal);
  notes.push(...pp.notes);
  const scp = orgLevels(estate, principal.accountId, 'scp');
  const rcp = orgLevels(estate, resourceAccount, 'rcp');
  notes.push(...scp.notes, ...rcp.notes);
  const org = estate.organization;
  const orgId = !org ? UNKNOWN : org.accounts.has(principal.accountId) ? (org.id ?? UNKNOWN) : undefined;

  const free = needsNoPermission(input.action);
  if (free) {
    notes.push(
      `${input.action} needs no permission: AWS answers it whatever the policies say (STS API Reference, GetCallerIdentity); each path shows the policies' own decision in its notes`,
    );
  }

  const { paths, notes: pathNotes } = networkPaths(estate, principal, service, input.egressOf);
  notes.push(...pathNotes);
  const wanted = input.onlyKinds ? paths.filter((p) => input.onlyKinds!.includes(p.kind)) : paths;
  const rows: SimulationRow[] = wanted.map((p) => {
    const built = buildRequestContext({
      credential: p.credential,
      path: p.network,
      viaAwsService: p.viaAwsService,
      ...(orgId !== undefined ? { principalOrgId: orgId } : {}),
      ...(region !== undefined ? { requestedRegion: region } : {}),
    });
    const ctx = built.context;
    if (region === undefined) ctx.set('aws:requestedregion', UNKNOWN);
    const rp =
      p.credential.kind === 'user'
        ? parsePrincipalArn(p.credential.userArn)
        : parsePrincipalArn(p.credential.sessionArn, { roleArn: p.credential.roleArn });
    const req = makeRequest({
      principal: rp,
      action: input.action,
      resource: input.resource,
      resourceAccount,
      context: ctx,
    });
    const rowNotes = [...p.notes];
    const endpoint = p.endpoint;
    let endpointPolicies: PolicySet['endpoint'];
    if (endpoint) {
      if (endpoint.policyDocument === undefined)
        rowNotes.push(
          `${endpoint.id} has no policy in the snapshot: the default full-access endpoint policy is assumed`,
        );
      else
        endpointPolicies = [
          compiledFor(estate, endpoint.id, endpoint.policyDocument, 'vpce', `${endpoint.id} endpoint policy`),
        ];
    }
    const set: PolicySet = {
      identity: pp.identity,
      boundary: pp.boundary,
      scp: scp.levels,
      rcp: rcp.levels,
      ...(endpointPolicies ? { endpoint: endpointPolicies } : {}),
      principalIsManagementAccount: scp.management,
      principalIsServiceLinkedRole: principal.path.startsWith('/aws-service-role/'),
      resourceIsManagementAccount: rcp.management,
    };
    const evaluated = evaluate(set, req);
    if (free && evaluated.decision !== 'Allowed') {
      rowNotes.push(
        `the policies alone would give ${evaluated.decision}${evaluated.blockedBy.length > 0 ? ` (${evaluated.blockedBy.join(', ')})` : ''}, but AWS does not check them for ${input.action}`,
      );
    }
    const d = free
      ? {
          ...evaluated,
          decision: 'Allowed' as const,
          blockedBy: [],
          blockedAt: [],
          deciding: [],
          unknownKeys: [],
        }
      : evaluated;
    const present: Record<string, string> = {};
    for (const k of built.present) present[k] = (ctx.get(k.toLowerCase()) as readonly string[]).join(',');
    return {
      path: p.id,
      kind: p.kind,
      label: p.label,
      hops: p.hops,
      decision: d.decision,
      blockedBy: d.blockedBy,
      blockedAt: d.blockedAt,
      deciding: d.deciding,
      unknownKeys: d.unknownKeys,
      context: {
        present,
        absent: built.absent,
        unknown: region === undefined ? [...built.unknown, 'aws:RequestedRegion'].sort() : built.unknown,
      },
      notes: rowNotes,
    };
  });
  return {
    principal: principal.arn,
    action: input.action,
    resource: input.resource,
    rows,
    notes: [...new Set(notes)],
  };
}
