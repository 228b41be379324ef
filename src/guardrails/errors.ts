// A guardrail that cannot be generated as the intent asks: every problem is listed, each naming
// what does not fit, the value found and what was expected.
export class GuardrailError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(
      problems.length === 1
        ? `cannot generate guardrails: ${problems[0]}`
        : `cannot generate guardrails (${problems.length} problems):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'GuardrailError';
    this.problems = problems;
  }
}
