// How `events replay` and `reconcile` show the remediation a detection got: one JSON shape and one
// text line for both commands.
import { stepText } from '../events/plan.js';
import type { Outcome } from '../events/remediator.js';

export function remediationJson(o: Outcome) {
  return {
    remedy: o.plan.remedy,
    steps: o.plan.steps.map(stepText),
    notes: o.plan.notes,
    status: o.status,
    reason: o.reason,
    calls: o.calls,
  };
}

export function remediationLine(o: Outcome): string {
  return `  remediation (${o.status}): ${o.plan.remedy}: ${o.plan.steps.map(stepText).join(' → ') || 'none'}`;
}
