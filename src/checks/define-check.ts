// The one helper every check is created through: explicit metadata plus a pure `run`.
import type { Check, CheckMeta, CheckContext, FindingDraft, NotApplicable } from './types.js';

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function defineCheck(
  meta: CheckMeta & { run(ctx: CheckContext): readonly FindingDraft[] | NotApplicable },
): Check {
  if (!idPattern.test(meta.id)) {
    throw new Error(
      `check id ${JSON.stringify(meta.id)} is not kebab-case (expected e.g. "cross-org-peering")`,
    );
  }
  for (const field of ['title', 'rationale', 'remediation', 'area'] as const) {
    if (!meta[field] || meta[field].trim() === '') {
      throw new Error(`check ${meta.id}: ${field} is empty (every check is documented)`);
    }
  }
  return Object.freeze({ ...meta });
}

export function isNotApplicable(r: readonly FindingDraft[] | NotApplicable): r is NotApplicable {
  return !Array.isArray(r) && typeof (r as NotApplicable).notApplicable === 'string';
}
