// perimeter eval CASE.json [--format json|text]: one IAM decision with its explanation.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CaseFileError, parseCase } from '../../iam/case-file.js';
import { evaluate } from '../../iam/evaluate.js';
import { explainAll } from '../../iam/explain.js';
import { formatDecisionText } from '../../iam/explain-text.js';
import { UsageError } from '../errors.js';
import { parseFormat, writeOut } from '../options.js';

export function register(program: Command): void {
  program
    .command('eval')
    .description('evaluate one request (portable case file) and explain the decision')
    .argument('<case>', 'case file: {request, identityPolicies, serviceControlPolicies, resourcePolicy, …}')
    .option('--format <format>', 'output format: json, text', 'json')
    .action((file: string, opts: { format: string }) => {
      const format = parseFormat(opts.format, ['json', 'text'] as const);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new UsageError(`${file}: cannot read the case file (${(err as Error).message})`);
      }
      let data: unknown;
      try {
        data = JSON.parse(text) as unknown;
      } catch (err) {
        throw new UsageError(
          `${file}: $: not valid JSON (${(err as Error).message}); expected a case object`,
        );
      }
      let c;
      try {
        c = parseCase(data);
      } catch (err) {
        if (err instanceof CaseFileError) {
          throw new UsageError(err.problems.map((p) => `${file}: ${p.path}: ${p.message}`).join('\n'));
        }
        throw err;
      }
      for (const w of c.warnings)
        process.stderr.write(`perimeter: warning: ${file}: ${w.path}: ${w.message}\n`);
      const decision = evaluate(c.policies, c.request);
      const explain = explainAll(c.policies, c.request);
      if (format === 'text') {
        writeOut(formatDecisionText(decision, explain, { ...c.request, principal: c.request.principal.raw }));
        return;
      }
      const out = {
        decision: decision.decision,
        blockedBy: decision.blockedBy,
        deciding: decision.deciding,
        explain,
      };
      writeOut(`${JSON.stringify(out, null, 2)}\n`);
    });
}
