// Lint codes a policy carries on purpose (`perimeter generate` records them as accepted, with a
// reason, in manifest.json; `scan --with-policies` overlays those policies): they are reported the
// way a suppressed finding is — in `suppressed`, with the generator's reason — never silently
// dropped, and only for the exact policy and code accepted. Every other code stays a finding.
import type { Intent, Suppression } from '../../config/intent.js';
import type { Estate } from '../../estate/model.js';
import { estatePolicies } from '../../iam/estate-policies.js';
import { fingerprintOf } from '../fingerprint.js';
import { lameDuckDrafts, lameDuckRuleId, lintOptionsFor } from './lame-duck-drafts.js';

/** One accepted code of one policy, by the id `estatePolicies` gives the policy. */
export interface AcceptedLintEntry {
  readonly policyId: string;
  /** The generated policy's name (for the reason shown). */
  readonly policyName: string;
  readonly code: string;
  readonly reason: string;
}

/**
 * Fingerprint suppressions for the `policy-lame-duck-condition` findings of the accepted policies
 * and codes, with `accepted by perimeter generate (NAME): REASON`. Sorted by fingerprint.
 */
export function acceptedLintSuppressions(
  estate: Estate,
  accepted: readonly AcceptedLintEntry[],
): Suppression[] {
  const byPolicy = new Map<string, Map<string, AcceptedLintEntry>>();
  for (const a of accepted) {
    const codes = byPolicy.get(a.policyId) ?? new Map<string, AcceptedLintEntry>();
    if (!codes.has(a.code)) codes.set(a.code, a);
    byPolicy.set(a.policyId, codes);
  }
  const out: Suppression[] = [];
  for (const p of estatePolicies(estate)) {
    const codes = byPolicy.get(p.id);
    if (codes === undefined) continue;
    for (const d of lameDuckDrafts(p, lintOptionsFor(estate, p))) {
      const a = codes.get(String(d.evidence?.code));
      if (a === undefined) continue;
      out.push({
        fingerprint: fingerprintOf(lameDuckRuleId, d.resource.id, d.discriminator ?? ''),
        reason: `accepted by perimeter generate (${a.policyName}): ${a.reason}`,
      });
    }
  }
  return out.sort((a, b) => (a.fingerprint ?? '').localeCompare(b.fingerprint ?? ''));
}

/** The intent with the accepted codes added to its suppressions (the file's own come first). */
export function withAcceptedLint(
  intent: Intent,
  estate: Estate,
  accepted: readonly AcceptedLintEntry[],
): Intent {
  if (accepted.length === 0) return intent;
  return { ...intent, suppressions: [...intent.suppressions, ...acceptedLintSuppressions(estate, accepted)] };
}
