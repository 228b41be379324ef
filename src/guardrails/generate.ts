// intent + estate → drafts → quota-sized policies → target-count check → proofs. Pure: the caller
// writes the files. Any problem (a policy that cannot fit, a target over its policy count, a proof
// mismatch, a lint finding) fails generation with every problem listed.
import type { Intent } from '../config/intent.js';
import type { Estate } from '../estate/model.js';
import { buildCallerLocks } from './builders/caller-lock.js';
import type { BuildInput, Builder } from './builders/common.js';
import { buildEc2CredentialBinding } from './builders/ec2-credential-binding.js';
import { buildEndpointPolicies } from './builders/endpoint-policy.js';
import { buildNetworkPerimeter } from './builders/network-perimeter.js';
import { buildNoInternetIngress } from './builders/no-internet-ingress.js';
import { buildPeering } from './builders/peering.js';
import { GuardrailError } from './errors.js';
import type { PolicyEvaluator } from './proof/evaluator.js';
import { runProof, type Proof } from './proof/run.js';
import { layoutPolicies } from './consolidate.js';
import type { TargetUsage } from './quota.js';
import type { GeneratedPolicy, GuardrailDraft } from './types.js';

export const builders: readonly Builder[] = [
  buildNoInternetIngress,
  buildPeering,
  buildEc2CredentialBinding,
  buildCallerLocks,
  buildEndpointPolicies,
  buildNetworkPerimeter,
];

/** A lint code a guardrail causes on purpose, with the reason (shown in the proof and honoured by the scan). */
export type AcceptedLint = NonNullable<GuardrailDraft['acceptedLint']>[number];

/**
 * The lint codes a shipped policy carries on purpose: the accepted codes of every guardrail whose
 * proof covers the policy (a packed policy carries its mates' codes, as the proof does), one entry
 * per code (the first reason), sorted by code. Written to manifest.json so `scan --with-policies`
 * reports them as accepted instead of as findings.
 */
export function acceptedLintOf(proofs: readonly Proof[], policyName: string): AcceptedLint[] {
  const byCode = new Map<string, AcceptedLint>();
  for (const pr of proofs) {
    if (!pr.policies.some((p) => p.name === policyName)) continue;
    for (const a of pr.draft.acceptedLint ?? [])
      if (!byCode.has(a.code)) byCode.set(a.code, { code: a.code, reason: a.reason });
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}

export interface GenerationResult {
  readonly drafts: readonly GuardrailDraft[];
  readonly policies: readonly GeneratedPolicy[];
  readonly proofs: readonly Proof[];
  readonly usage: readonly TargetUsage[];
}

/** Builds every draft the intent asks for; problems of all builders are collected. */
export function buildDrafts(input: BuildInput): GuardrailDraft[] {
  const drafts: GuardrailDraft[] = [];
  const problems: string[] = [];
  for (const b of builders) {
    try {
      drafts.push(...b(input));
    } catch (err) {
      if (err instanceof GuardrailError) problems.push(...err.problems);
      else throw err;
    }
  }
  const seen = new Set<string>();
  for (const d of drafts) {
    if (seen.has(d.id)) problems.push(`two guardrails are both named ${d.id}; give them distinct names`);
    seen.add(d.id);
  }
  if (problems.length > 0) throw new GuardrailError(problems);
  return drafts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function generateGuardrails(
  intent: Intent,
  estate: Estate,
  evaluator: PolicyEvaluator,
): GenerationResult {
  const drafts = buildDrafts({ intent, estate });
  const { byDraft, policies, usage, packedWith } = layoutPolicies(estate, drafts);
  const all = drafts.map((d) => ({ draft: d, parts: byDraft.get(d.id) ?? [] }));
  const proofs = drafts.map((d) => {
    // A packed policy carries other guardrails' statements: their accepted lint codes come along.
    const mates = (packedWith.get(d.id) ?? []).map((id) => drafts.find((x) => x.id === id)!);
    const accepted = mates.flatMap((m) =>
      (m.acceptedLint ?? []).map((a) => ({ code: a.code, reason: `${a.reason} (${m.id})` })),
    );
    const proven =
      mates.length > 0
        ? {
            ...d,
            acceptedLint: [
              ...(d.acceptedLint ?? []),
              ...accepted.filter((a) => !(d.acceptedLint ?? []).some((x) => x.code === a.code)),
            ],
          }
        : d;
    return runProof(estate, proven, byDraft.get(d.id) ?? [], evaluator, all);
  });
  const failed = proofs.flatMap((p) => p.problems);
  if (failed.length > 0) throw new GuardrailError(failed);
  return { drafts, policies, proofs, usage };
}
