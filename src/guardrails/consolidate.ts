// When one policy per guardrail would put more than 5 SCPs (or RCPs) on a target, guardrails of
// the same kind attached to exactly the same targets are packed together: their statements go into
// shared policies (`<kind>-guardrails-N`, split to the size quota), Sids prefixed with the guardrail
// so they stay unique. Deny statements are independent and Allows of one level add up, so packing
// does not change what is allowed. Each guardrail is still proven on its own scenarios — against
// the shared policies it now ships in.
import { GuardrailError } from './errors.js';
import { pascal } from './builders/common.js';
import { checkTargetQuotas, type TargetUsage } from './quota.js';
import { splitDraft } from './split.js';
import type { Estate } from '../estate/model.js';
import type { GeneratedPolicy, GuardrailDraft } from './types.js';

export interface Layout {
  /** Draft id → the policies its statements ship in. */
  readonly byDraft: ReadonlyMap<string, readonly GeneratedPolicy[]>;
  /** Every policy once, in a stable order. */
  readonly policies: readonly GeneratedPolicy[];
  readonly usage: readonly TargetUsage[];
  /** Draft id → the drafts it shares policies with (itself included); absent when not packed. */
  readonly packedWith: ReadonlyMap<string, readonly string[]>;
}

function targetKey(d: GuardrailDraft): string | undefined {
  if (d.attachment.kind !== 'org' || (d.kind !== 'scp' && d.kind !== 'rcp')) return undefined;
  return `${d.kind}|${[...d.attachment.targetIds].sort().join(',')}`;
}

/** One policy per guardrail when the target counts allow it, else packed per (kind, targets). */
export function layoutPolicies(estate: Estate, drafts: readonly GuardrailDraft[]): Layout {
  const problems: string[] = [];
  const byDraft = new Map<string, GeneratedPolicy[]>();
  for (const d of drafts) {
    try {
      byDraft.set(d.id, splitDraft(d));
    } catch (err) {
      if (err instanceof GuardrailError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length > 0) throw new GuardrailError(problems);
  const separate = drafts.flatMap((d) => byDraft.get(d.id) ?? []);
  let firstError: GuardrailError;
  try {
    return { byDraft, policies: separate, usage: checkTargetQuotas(estate, separate), packedWith: new Map() };
  } catch (err) {
    if (!(err instanceof GuardrailError)) throw err;
    firstError = err;
  }

  const groups = new Map<string, GuardrailDraft[]>();
  for (const d of drafts) {
    const key = targetKey(d);
    if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const packed = new Map<string, GeneratedPolicy[]>(byDraft);
  const packedWith = new Map<string, string[]>();
  let n = 0;
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    n += 1;
    const first = group[0]!;
    const combined: GuardrailDraft = {
      id: `${first.kind}-guardrails-${n}`,
      kind: first.kind,
      title: `${first.kind.toUpperCase()} guardrails packed to fit the policy count: ${group.map((d) => d.title).join('; ')}`,
      description: group.map((d) => d.description).join(' '),
      statements: group.flatMap((d) =>
        d.statements.map((s, i) => ({ ...s, Sid: `${pascal(d.id)}${s.Sid ?? String(i)}` })),
      ),
      attachment: first.attachment,
      scenarios: [],
      notes: [],
    };
    const parts = splitDraft(combined);
    for (const d of group) {
      packed.set(d.id, parts);
      packedWith.set(
        d.id,
        group.map((g) => g.id),
      );
    }
  }
  const seen = new Set<string>();
  const policies: GeneratedPolicy[] = [];
  for (const d of drafts)
    for (const p of packed.get(d.id) ?? [])
      if (!seen.has(p.name)) {
        seen.add(p.name);
        policies.push(p);
      }
  try {
    return { byDraft: packed, policies, usage: checkTargetQuotas(estate, policies), packedWith };
  } catch (err) {
    if (!(err instanceof GuardrailError)) throw err;
    throw new GuardrailError([
      ...firstError.problems,
      `packing guardrails with the same kind and targets does not help: ${err.problems.join('; ')}`,
    ]);
  }
}
