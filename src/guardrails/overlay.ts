// Overlay generated policies on an Estate: "what would the scan say if these were applied?"
// (`perimeter scan --with-policies DIR`). Returns a new Estate: generated SCPs/RCPs are added to
// organization.policies and index.orgPoliciesByTarget; generated inline role policies are added to
// the role (replacing an inline policy of the same name); a generated endpoint policy replaces the
// endpoint's policy document (an endpoint has exactly one). Nothing else changes and the input is
// not mutated. Each overlaid policy carries the lint codes the generator accepted on purpose
// (manifest.json `acceptedLint`); `acceptedLintOfOverlay` names them by the id the scan's policy
// checks give the policy, so the scan reports them as accepted (suppressed, with the reason).
import type { Estate, Organization, OrgPolicy } from '../estate/model.js';
import { GuardrailError } from './errors.js';
import { acceptedLintOf, type AcceptedLint } from './generate.js';
import type { Proof } from './proof/run.js';
import type { GeneratedPolicy } from './types.js';

export interface OverlayPolicy {
  readonly name: string;
  readonly type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  /** Minified policy JSON as it would be uploaded. */
  readonly content: string;
  readonly targetIds: readonly string[];
  /** Lint codes the generator accepted for this policy, with its reasons. */
  readonly acceptedLint: readonly AcceptedLint[];
}

/** A generated inline role policy or endpoint policy. */
export type OverlayResourcePolicy =
  | {
      readonly kind: 'role';
      readonly name: string;
      readonly roleArn: string;
      readonly content: string;
      readonly acceptedLint: readonly AcceptedLint[];
    }
  | {
      readonly kind: 'endpoint';
      readonly name: string;
      readonly endpointId: string;
      readonly content: string;
      readonly acceptedLint: readonly AcceptedLint[];
    };

/** One accepted lint code of an overlaid policy, keyed by the policy id the scan uses (estatePolicies). */
export interface AcceptedPolicyLint {
  readonly policyId: string;
  readonly policyName: string;
  readonly code: string;
  readonly reason: string;
}

/** The accepted codes of a generated policy: from the proofs when given (packed mates included), else its draft's. */
function acceptedOf(p: GeneratedPolicy, proofs: readonly Proof[] | undefined): AcceptedLint[] {
  if (proofs !== undefined) return acceptedLintOf(proofs, p.name);
  return [...(p.draft.acceptedLint ?? [])]
    .map((a) => ({ code: a.code, reason: a.reason }))
    .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}

/** Reads `$.policies[i].acceptedLint` of manifest.json; a manifest written before it existed has none. */
function manifestAccepted(raw: unknown, i: number, problems: string[]): AcceptedLint[] {
  const list = (raw as { acceptedLint?: unknown }).acceptedLint;
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push(
      `manifest.json: $.policies[${i}].acceptedLint: expected an array of {code, reason}, found ${JSON.stringify(list).slice(0, 120)}`,
    );
    return [];
  }
  const out: AcceptedLint[] = [];
  list.forEach((a: unknown, j) => {
    const x = a as { code?: unknown; reason?: unknown } | null;
    if (typeof x?.code !== 'string' || typeof x.reason !== 'string') {
      problems.push(
        `manifest.json: $.policies[${i}].acceptedLint[${j}]: expected {code: string, reason: string}, found ${JSON.stringify(a).slice(0, 120)}`,
      );
      return;
    }
    out.push({ code: x.code, reason: x.reason });
  });
  return out;
}

/**
 * The accepted lint codes of every overlaid policy, by the id the scan's policy checks use for it
 * (`estatePolicies`): an SCP/RCP by its overlay id, a role policy as `ROLE_ARN#inline:perimeter-NAME`,
 * an endpoint policy by the endpoint id. Sorted by policy id, then code.
 */
export function acceptedLintOfOverlay(
  org: readonly OverlayPolicy[],
  resources: readonly OverlayResourcePolicy[],
): AcceptedPolicyLint[] {
  const out: AcceptedPolicyLint[] = [];
  for (const p of org)
    for (const a of p.acceptedLint) out.push({ policyId: overlayPolicyId(p.name), policyName: p.name, ...a });
  for (const p of resources) {
    const policyId = p.kind === 'role' ? `${p.roleArn}#inline:${inlinePolicyName(p.name)}` : p.endpointId;
    for (const a of p.acceptedLint) out.push({ policyId, policyName: p.name, ...a });
  }
  return out.sort(
    (a, b) =>
      (a.policyId < b.policyId ? -1 : a.policyId > b.policyId ? 1 : 0) ||
      a.code.localeCompare(b.code, 'en', { numeric: true }),
  );
}

/** Inline policy name the outputs use for a generated role policy (CloudFormation, Terraform, CDK). */
export function inlinePolicyName(name: string): string {
  return `perimeter-${name}`;
}

/** Role and endpoint policies of a generation; `proofs` (the result's) give packed policies their mates' accepted codes. */
export function resourceOverlayFromGenerated(
  policies: readonly GeneratedPolicy[],
  proofs?: readonly Proof[],
): OverlayResourcePolicy[] {
  const out: OverlayResourcePolicy[] = [];
  for (const p of policies) {
    const a = p.draft.attachment;
    const acceptedLint = acceptedOf(p, proofs);
    if (a.kind === 'role')
      out.push({ kind: 'role', name: p.name, roleArn: a.roleArn, content: p.minified, acceptedLint });
    else if (a.kind === 'endpoint' && a.endpointId !== undefined)
      out.push({
        kind: 'endpoint',
        name: p.name,
        endpointId: a.endpointId,
        content: p.minified,
        acceptedLint,
      });
  }
  return out;
}

/** Id given to an overlaid policy (never a real `p-…` id, so it cannot collide). */
export function overlayPolicyId(name: string): string {
  return `perimeter-generated:${name}`;
}

/** SCPs and RCPs of a generation; `proofs` (the result's) give packed policies their mates' accepted codes. */
export function overlayFromGenerated(
  policies: readonly GeneratedPolicy[],
  proofs?: readonly Proof[],
): OverlayPolicy[] {
  const out: OverlayPolicy[] = [];
  for (const p of policies) {
    const a = p.draft.attachment;
    if (a.kind !== 'org' || (p.draft.kind !== 'scp' && p.draft.kind !== 'rcp')) continue;
    out.push({
      name: p.name,
      type: p.draft.kind === 'scp' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY',
      content: p.minified,
      targetIds: [...a.targetIds],
      acceptedLint: acceptedOf(p, proofs),
    });
  }
  return out;
}

/**
 * Reads the organization policies of a `perimeter generate` output directory from its
 * manifest.json text and the policy files' texts (`files`: file name → content). Pure: the caller
 * reads the files.
 */
export function overlayFromManifest(
  manifestText: string,
  files: ReadonlyMap<string, string>,
): OverlayPolicy[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestText);
  } catch (err) {
    throw new GuardrailError([
      `manifest.json is not valid JSON (${(err as Error).message}); expected the manifest perimeter generate writes`,
    ]);
  }
  const list = (manifest as { policies?: unknown }).policies;
  if (!Array.isArray(list))
    throw new GuardrailError([
      'manifest.json: $.policies is missing; expected an array of generated policies',
    ]);
  const problems: string[] = [];
  const out: OverlayPolicy[] = [];
  list.forEach((raw: unknown, i) => {
    const p = raw as {
      name?: unknown;
      kind?: unknown;
      file?: unknown;
      attachment?: { kind?: unknown; targetIds?: unknown };
    };
    if (p.kind !== 'scp' && p.kind !== 'rcp') return;
    if (
      typeof p.name !== 'string' ||
      typeof p.file !== 'string' ||
      p.attachment?.kind !== 'org' ||
      !Array.isArray(p.attachment.targetIds)
    ) {
      problems.push(
        `manifest.json: $.policies[${i}]: expected name, file and attachment {kind: "org", targetIds: [...]}, found ${JSON.stringify(raw).slice(0, 120)}`,
      );
      return;
    }
    const content = files.get(p.file);
    if (content === undefined) {
      problems.push(`manifest.json: $.policies[${i}]: policy file ${p.file} is missing from the directory`);
      return;
    }
    try {
      JSON.parse(content);
    } catch (err) {
      problems.push(`${p.file}: not valid JSON (${(err as Error).message})`);
      return;
    }
    const acceptedLint = manifestAccepted(raw, i, problems);
    out.push({
      name: p.name,
      type: p.kind === 'scp' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY',
      content,
      targetIds: p.attachment.targetIds.map(String),
      acceptedLint,
    });
  });
  if (problems.length > 0) throw new GuardrailError(problems);
  return out;
}

export function overlayPolicies(estate: Estate, generated: readonly OverlayPolicy[]): Estate {
  if (generated.length === 0) return estate;
  const base: Organization = estate.organization ?? {
    roots: [],
    units: new Map(),
    accounts: new Map(),
    policies: new Map(),
  };
  const policies = new Map<string, OrgPolicy>(base.policies);
  const byTarget = new Map<string, string[]>(
    [...estate.index.orgPoliciesByTarget].map(([k, v]) => [k, [...v]]),
  );
  for (const g of generated) {
    const id = overlayPolicyId(g.name);
    if (policies.has(id)) throw new GuardrailError([`overlay: policy ${g.name} is given twice`]);
    policies.set(id, {
      id,
      name: g.name,
      type: g.type,
      awsManaged: false,
      document: JSON.parse(g.content) as unknown,
      content: g.content,
      targetIds: [...g.targetIds].sort(),
    });
    for (const t of g.targetIds) {
      const list = byTarget.get(t) ?? [];
      list.push(id);
      byTarget.set(t, list);
    }
  }
  const sortedPolicies = new Map([...policies].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const sortedTargets = new Map(
    [...byTarget]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, [...v].sort()] as const),
  );
  return {
    ...estate,
    organization: { ...base, policies: sortedPolicies },
    index: { ...estate.index, orgPoliciesByTarget: sortedTargets },
  };
}

/** Applies generated inline role policies and endpoint policies to a copy of the Estate. */
export function overlayResourcePolicies(estate: Estate, generated: readonly OverlayResourcePolicy[]): Estate {
  if (generated.length === 0) return estate;
  const problems: string[] = [];
  const roles = new Map(estate.iamRoles);
  const endpoints = new Map(estate.vpcEndpoints);
  for (const g of generated) {
    if (g.kind === 'role') {
      const role = roles.get(g.roleArn);
      if (role === undefined) {
        problems.push(`overlay: ${g.name}: role ${g.roleArn} is not in the snapshot`);
        continue;
      }
      const name = inlinePolicyName(g.name);
      roles.set(g.roleArn, {
        ...role,
        inlinePolicies: [
          ...role.inlinePolicies.filter((p) => p.name !== name),
          { name, document: JSON.parse(g.content) as unknown },
        ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      });
    } else {
      const ep = endpoints.get(g.endpointId);
      if (ep === undefined) {
        problems.push(`overlay: ${g.name}: endpoint ${g.endpointId} is not in the snapshot`);
        continue;
      }
      endpoints.set(g.endpointId, { ...ep, policyDocument: g.content });
    }
  }
  if (problems.length > 0) throw new GuardrailError(problems);
  return { ...estate, iamRoles: roles, vpcEndpoints: endpoints };
}

/** Reads the role and endpoint policies of a generate output directory (see overlayFromManifest). */
export function resourceOverlayFromManifest(
  manifestText: string,
  files: ReadonlyMap<string, string>,
): OverlayResourcePolicy[] {
  const manifest = JSON.parse(manifestText) as { policies?: unknown };
  const list = Array.isArray(manifest.policies) ? manifest.policies : [];
  const out: OverlayResourcePolicy[] = [];
  const problems: string[] = [];
  list.forEach((raw: unknown, i) => {
    const p = raw as {
      name?: unknown;
      file?: unknown;
      attachment?: { kind?: unknown; roleArn?: unknown; endpointId?: unknown };
    };
    const kind = p.attachment?.kind;
    if (kind !== 'role' && kind !== 'endpoint') return;
    if (typeof p.name !== 'string' || typeof p.file !== 'string') {
      problems.push(`manifest.json: $.policies[${i}]: expected name and file`);
      return;
    }
    const content = files.get(p.file);
    if (content === undefined) {
      problems.push(`manifest.json: $.policies[${i}]: policy file ${p.file} is missing from the directory`);
      return;
    }
    const acceptedLint = manifestAccepted(raw, i, problems);
    if (kind === 'role' && typeof p.attachment?.roleArn === 'string') {
      out.push({ kind: 'role', name: p.name, roleArn: p.attachment.roleArn, content, acceptedLint });
    } else if (kind === 'endpoint' && typeof p.attachment?.endpointId === 'string') {
      out.push({
        kind: 'endpoint',
        name: p.name,
        endpointId: p.attachment.endpointId,
        content,
        acceptedLint,
      });
    }
  });
  if (problems.length > 0) throw new GuardrailError(problems);
  return out;
}
