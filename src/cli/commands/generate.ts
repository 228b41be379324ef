// perimeter generate --config perimeter.yaml --out DIR [--format json|cloudformation|terraform|cdk] [--snapshot DIR]
// Builds the guardrails the intent asks for, fits them to the quotas, proves each one with the IAM
// engine and writes the policies, their proofs and the chosen infrastructure-as-code format.
// Results (what was written) go to stdout; any problem exits 2 with every problem listed.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { buildEstate } from '../../estate/build.js';
import type { Estate } from '../../estate/model.js';
import { GuardrailError } from '../../guardrails/errors.js';
import { generateGuardrails } from '../../guardrails/generate.js';
import { outputFormats, renderOutputs } from '../../guardrails/output/index.js';
import { createEngineEvaluator } from '../../guardrails/proof/engine-evaluator.js';
import { UsageError } from '../errors.js';
import { readIntentFile } from '../intent-file.js';
import { loadEstateForCli } from '../load-estate.js';
import { parseFormat, writeOut } from '../options.js';

export function register(program: Command): void {
  program
    .command('generate')
    .description(
      'generate guardrail policies (SCPs, RCPs, endpoint and role policies) from the intent file, each proven before it is written',
    )
    .requiredOption('--config <file>', 'intent file (perimeter.yaml) with a guardrails section')
    .requiredOption('--out <dir>', 'directory to write the policies, proofs and templates to')
    .option('--format <format>', `output format: ${outputFormats.join(', ')}`, 'json')
    .option(
      '--snapshot <dir>',
      'snapshot the policies are generated for (default: the directory of --config)',
    )
    .action(async (opts: { config: string; out: string; format: string; snapshot?: string }) => {
      const format = parseFormat(opts.format, outputFormats);
      const intent = readIntentFile(opts.config);
      const snapshot = resolve(opts.snapshot ?? dirname(resolve(opts.config)));
      let estate: Estate;
      if (opts.snapshot === undefined && !looksLikeSnapshot(snapshot)) {
        process.stderr.write(
          `perimeter: no snapshot next to ${opts.config}; generating without estate data (no organization, instances or NAT gateways)\n`,
        );
        estate = buildEstate([]);
      } else estate = await loadEstateForCli(snapshot);
      let result;
      try {
        result = generateGuardrails(intent, estate, createEngineEvaluator());
      } catch (err) {
        if (err instanceof GuardrailError) throw new UsageError(`${opts.config}: ${err.message}`);
        throw err;
      }
      const files = renderOutputs(result, format);
      const out = resolve(opts.out);
      for (const f of files) {
        const path = join(out, ...f.path.split('/'));
        try {
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, f.content);
        } catch (err) {
          // A bad --out (a file in the way, no permission) is the user's input, not a crash.
          const code = (err as NodeJS.ErrnoException).code ?? 'error';
          throw new UsageError(
            `--out ${opts.out}: cannot write ${path} (${code}: ${(err as Error).message}); expected a directory perimeter can create or write to`,
          );
        }
      }
      const lines = [
        `${result.policies.length} policies, ${result.proofs.reduce((n, p) => n + p.rows.length, 0)} scenarios proven with the IAM engine, ${files.length} files written to ${opts.out}`,
        '',
        ...result.policies.map((p) => {
          const a = p.draft.attachment;
          const where =
            a.kind === 'org'
              ? a.targetIds.join(', ')
              : a.kind === 'role'
                ? `role ${a.roleName} (${a.accountId})`
                : `endpoint ${a.endpointId ?? a.serviceName} in ${a.vpcId}`;
          return `${p.name.padEnd(48)} ${p.draft.kind.padEnd(8)} ${`${p.bytes}/${p.limit}`.padEnd(12)} ${where}`;
        }),
        '',
      ];
      writeOut(lines.join('\n'));
    });
}

/** Without --snapshot, the config's directory is the snapshot when it holds snapshot data. */
function looksLikeSnapshot(dir: string): boolean {
  if (['accounts', 'organization', 'aws_configs'].some((d) => existsSync(join(dir, d)))) return true;
  try {
    return readdirSync(dir).some((f) => f.endsWith('.json'));
  } catch {
    return false;
  }
}
