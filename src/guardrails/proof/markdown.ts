// The proof a reviewer reads, written next to each policy as `<name>.proof.md`: what the policy
// does, where it attaches, its size against the quota, the lint result and the scenario matrix.
import type { EvaluationOutcome } from './evaluator.js';
import type { Proof, ProofRow } from './run.js';

const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function outcome(o: EvaluationOutcome): string {
  if (o.decision === 'Allowed') return 'Allowed';
  const by =
    o.deciding.length > 0
      ? ` by ${o.deciding.join(', ')}`
      : o.blockedBy.length > 0
        ? ` (${o.blockedBy.join(', ')})`
        : '';
  return `${o.decision}${by}`;
}

export function attachmentText(p: Proof): string {
  const a = p.draft.attachment;
  switch (a.kind) {
    case 'org':
      return `${p.draft.kind.toUpperCase()} attached to ${a.targetIds.join(', ')}`;
    case 'role':
      return `inline policy of role ${a.roleArn}`;
    case 'endpoint':
      return `endpoint policy of ${a.endpointId ?? `the ${a.serviceName} interface endpoint`} in ${a.vpcId} (${a.region})`;
  }
}

export function proofRows(rows: readonly ProofRow[]): string[] {
  const out = [
    '| # | principal (credential) | network path | action | resource | intent | this policy alone | existing policies | with this policy | with all generated policies | ok |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  rows.forEach((r, i) => {
    const s = r.scenario;
    out.push(
      `| ${i + 1} | ${esc(s.principal)} (${s.credential}) | ${esc(s.path)} | ${s.action} | ${esc(s.resource)} | ${s.expect} — ${esc(s.because)} | ${esc(outcome(r.alone))} | ${esc(outcome(r.baseline))} | ${esc(outcome(r.withIt))} | ${esc(outcome(r.together))} | ${r.ok ? '✓' : '✗'} |`,
    );
  });
  return out;
}

export function proofMarkdown(p: Proof): string {
  const lines: string[] = [];
  const d = p.draft;
  lines.push(`# ${d.title}`, '');
  lines.push(d.description, '');
  lines.push(
    `- Policy: ${p.policies.map((x) => `\`${x.name}.json\` (${x.bytes} of ${x.limit} bytes minified)`).join(', ')}`,
  );
  lines.push(`- Where: ${attachmentText(p)}`);
  lines.push(`- Evaluated with: ${p.engine}`);
  const lintSummary = p.lint
    .map((l) =>
      l.issues.length === 0
        ? `${l.policy}: clean`
        : `${l.policy}: ${l.failing.length} failing, ${l.accepted.length} accepted`,
    )
    .join('; ');
  lines.push(`- Lint: ${lintSummary || 'no policy'}`);
  lines.push(
    `- Result: ${p.ok ? `proven (${p.rows.length} scenarios)` : `NOT proven (${p.problems.length} problems)`}`,
    '',
  );
  lines.push(
    '"this policy alone": the generated policy with everything else permissive. "existing policies": the SCP/RCP chain and endpoint policy in the snapshot, without it. "with this policy": both. "with all generated policies": the existing policies and every policy of this run (guardrails that conflict show here). A row passes when "alone" matches the intent, and "with this policy" and "with all generated policies" match the intent where it denies, or the existing outcome where it allows (for an endpoint policy: the existing outcome without the endpoint policy it replaces).',
    '',
  );
  lines.push('## Scenarios', '', ...proofRows(p.rows), '');
  const accepted = p.lint.flatMap((l) =>
    l.accepted.map(
      (a) =>
        `- ${l.policy}: ${a.issue.code} (${a.issue.severity}) accepted: ${a.reason}. Linter: ${esc(a.issue.message)}`,
    ),
  );
  if (accepted.length > 0) lines.push('## Lint findings accepted on purpose', '', ...accepted, '');
  if (p.problems.length > 0) lines.push('## Problems', '', ...p.problems.map((x) => `- ${x}`), '');
  if (p.assumptions.length > 0) lines.push('## Assumptions', '', ...p.assumptions.map((x) => `- ${x}`), '');
  if (d.notes.length > 0) lines.push('## Notes', '', ...d.notes.map((x) => `- ${x}`), '');
  for (const x of p.policies) {
    lines.push(`## ${x.name}.json`, '', '```json', JSON.stringify(x.document, null, 2), '```', '');
  }
  return lines.join('\n');
}
