// Fits a draft into policies of at most the size quota: statements are packed in order (first fit
// keeps the order, so the output is stable), never split inside a statement. Deny statements are
// independent, and Allow statements of several SCPs at one level add up, so spreading statements
// over policies attached to the same targets keeps the meaning. A VPC endpoint has one policy: it
// must fit whole.
import { GuardrailError } from './errors.js';
import { sizeLimits, splittable } from './limits.js';
import { emptyPolicyBytes, minify, statementBytes, utf8Bytes } from './minify.js';
import type { GeneratedPolicy, GuardrailDraft, PolicyJson, PolicyStatement } from './types.js';

function statementLabel(s: PolicyStatement, index: number): string {
  return s.Sid === undefined ? `statement ${index}` : `statement ${index} (Sid ${s.Sid})`;
}

/** Splits one draft; throws GuardrailError naming every statement (or the policy) that cannot fit. */
export function splitDraft(draft: GuardrailDraft): GeneratedPolicy[] {
  const limit = sizeLimits[draft.kind];
  const problems: string[] = [];
  if (draft.statements.length === 0) problems.push(`${draft.id}: the ${draft.kind} has no statements`);
  if (!splittable[draft.kind]) {
    const whole = minify({ Version: '2012-10-17', Statement: draft.statements });
    const bytes = utf8Bytes(whole);
    if (bytes > limit) {
      problems.push(
        `${draft.id}: the ${draft.kind} policy is ${bytes} bytes minified; the limit is ${limit} (over by ${bytes - limit}) and a VPC endpoint takes one policy — give this service its own endpoint per workload group or reduce the workloads`,
      );
    }
  }
  draft.statements.forEach((s, i) => {
    // A policy holding only this statement: {"Version":…,"Statement":[<s>]} (no trailing comma).
    const alone = emptyPolicyBytes + statementBytes(s) - 1;
    if (alone > limit) {
      problems.push(
        `${draft.id}: ${statementLabel(s, i)} alone makes a ${alone}-byte ${draft.kind}; the limit is ${limit} (over by ${alone - limit}); its value lists cannot be split without changing what it denies`,
      );
    }
  });
  if (problems.length > 0) throw new GuardrailError(problems);

  const groups: PolicyStatement[][] = [];
  let current: PolicyStatement[] = [];
  let size = emptyPolicyBytes;
  for (const s of draft.statements) {
    const add = statementBytes(s) - (current.length === 0 ? 1 : 0);
    if (current.length > 0 && size + add > limit) {
      groups.push(current);
      current = [];
      size = emptyPolicyBytes;
    }
    size += statementBytes(s) - (current.length === 0 ? 1 : 0);
    current.push(s);
  }
  if (current.length > 0) groups.push(current);

  return groups.map((statements, i) => {
    const document: PolicyJson = { Version: '2012-10-17', Statement: statements };
    const minified = minify(document);
    const bytes = utf8Bytes(minified);
    if (bytes > limit) {
      // Cannot happen when the arithmetic above is right; fail loudly rather than ship an oversize policy.
      throw new GuardrailError([
        `${draft.id}: internal size error, part ${i + 1} is ${bytes} bytes > ${limit}`,
      ]);
    }
    return {
      name: groups.length === 1 ? draft.id : `${draft.id}-part-${i + 1}`,
      draft,
      part: i + 1,
      parts: groups.length,
      document,
      minified,
      bytes,
      limit,
    };
  });
}
