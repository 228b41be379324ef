// perimeter scan [SNAPSHOT] [--format text|json|sarif] [--fail-on SEV] [--config FILE]
import type { Command } from 'commander';
import { runChecks, type ScanResult } from '../../checks/run-checks.js';
import { checksOfPack, packNames } from '../../checks/packs.js';
import { allChecks } from '../../checks/registry.js';
import type { Severity } from '../../checks/types.js';
import { severityRank } from '../../checks/types.js';
import { formatScanHtml } from '../../report/scan-html.js';
import { formatScanJson } from '../../report/scan-json.js';
import { formatScanSarif, type SourceLocations } from '../../report/scan-sarif.js';
import { formatScanText } from '../../report/scan-text.js';
import { exitCodes, UsageError } from '../errors.js';
import { loadIntent } from '../intent-file.js';
import { loadEstateForCli } from '../load-estate.js';
import { parseFormat, parseSeverity, writeOut } from '../options.js';
import { resolveSnapshotArg } from '../paths.js';
import { locateSources } from '../source-locations.js';
import { applyGeneratedPolicies } from '../with-policies.js';
import { toolVersion } from '../version.js';

export const scanFormats = ['text', 'json', 'sarif', 'html'] as const;

export function register(program: Command): void {
  program
    .command('scan')
    .description('run every check on a snapshot and print the findings (default: the bundled demo estate)')
    .argument('[snapshot]', 'snapshot directory (see README "Snapshot layout")')
    .option('--format <format>', `output format: ${scanFormats.join(', ')}`, 'text')
    .option(
      '--fail-on <severity>',
      'exit 1 when a finding is at or above this severity (critical|high|medium|low|info|none)',
      'none',
    )
    .option('--config <file>', 'intent file (default: perimeter.yaml next to the snapshot)')
    .option(
      '--with-policies <dir>',
      'apply the policies of a `perimeter generate --out` directory before the checks',
    )
    .option('--pack <name>', `checks to run: ${packNames().join(', ')}`, 'all')
    .option('--strict', 'exit 3 when a check fails with an error')
    .option('--today <date>', 'date used for suppression expiry, YYYY-MM-DD (default: today, UTC)')
    .action(
      async (
        snapshot: string | undefined,
        opts: {
          format: string;
          failOn: string;
          config?: string;
          strict?: boolean;
          today?: string;
          pack: string;
          withPolicies?: string;
        },
      ) => {
        const format = parseFormat(opts.format, scanFormats);
        const failOn = parseSeverity(opts.failOn);
        const root = resolveSnapshotArg(snapshot);
        const loadedIntent = loadIntent(root, opts.config).intent;
        const loaded = await loadEstateForCli(root);
        const { estate, intent } = opts.withPolicies
          ? applyGeneratedPolicies(loaded, opts.withPolicies, loadedIntent)
          : { estate: loaded, intent: loadedIntent };
        const today = opts.today === undefined ? new Date().toISOString().slice(0, 10) : parseDay(opts.today);
        let checks;
        try {
          checks = checksOfPack(opts.pack);
        } catch (err) {
          throw new UsageError(`--pack: ${(err as Error).message}`);
        }
        const result = runChecks(estate, intent, checks, { today });
        // SARIF results point at the file and line defining each resource (GitHub code scanning).
        const sources = format === 'sarif' ? await locateSources(root, result.findings) : undefined;
        writeOut(renderScan(format, result, sources));
        for (const e of result.errors)
          process.stderr.write(`perimeter: check ${e.checkId} failed: ${e.message}\n`);
        process.exitCode = scanExitCode(
          result.findings.map((f) => f.severity),
          failOn,
          result.errors.length,
          opts.strict === true,
        );
      },
    );
}

/** A real calendar date YYYY-MM-DD (2026-13-45 is rejected, not rolled over). */
export function parseDay(value: string, flag = '--today'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new UsageError(
      `${flag} ${JSON.stringify(value)} is not a date (expected YYYY-MM-DD, e.g. 2026-11-23)`,
    );
  }
  return value;
}

export function renderScan(
  format: (typeof scanFormats)[number],
  result: ScanResult,
  sources?: SourceLocations,
): string {
  switch (format) {
    case 'json':
      return formatScanJson(result);
    case 'sarif':
      return formatScanSarif(result, allChecks, toolVersion, sources);
    case 'html':
      return formatScanHtml(result, allChecks);
    case 'text':
      return formatScanText(result, { color: process.stdout.isTTY === true && !process.env.NO_COLOR });
  }
}

export function scanExitCode(
  found: readonly Severity[],
  failOn: Severity | 'none',
  errorCount: number,
  strict: boolean,
): number {
  if (strict && errorCount > 0) return exitCodes.runtime;
  if (failOn === 'none') return exitCodes.ok;
  const threshold = severityRank(failOn);
  return found.some((s) => severityRank(s) >= threshold) ? exitCodes.findings : exitCodes.ok;
}
