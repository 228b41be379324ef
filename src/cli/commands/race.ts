// perimeter race [--flags] [--format text|json]: the seed-000 Monte Carlo model (src/events/race.ts).
// Every assumption is a flag; defaults and their sources are in docs/race-model.md.
import type { Command } from 'commander';
import { defaultRaceParams, runRace, type RaceParams, type RaceResult } from '../../events/race.js';
import { UsageError } from '../errors.js';
import { parseFormat, writeOut } from '../options.js';

const formats = ['text', 'json'] as const;

interface Flag {
  readonly key: keyof RaceParams;
  readonly help: string;
  readonly kind: 'int' | 'positive' | 'probability' | 'nonnegative';
}

const flags: readonly Flag[] = [
  { key: 'trials', help: 'Monte Carlo trials', kind: 'int' },
  { key: 'seed', help: 'PRNG seed (same seed, same output)', kind: 'int' },
  { key: 'acceptMedianS', help: 'outside party accept delay, median seconds (lognormal)', kind: 'positive' },
  { key: 'acceptSigma', help: 'accept delay lognormal sigma', kind: 'nonnegative' },
  { key: 'acceptProbability', help: 'probability the outside party accepts at all', kind: 'probability' },
  { key: 'provisionS', help: 'provisioning → active, seconds', kind: 'nonnegative' },
  {
    key: 'eventMedianS',
    help: 'CloudTrail → EventBridge latency, median seconds (lognormal)',
    kind: 'positive',
  },
  { key: 'eventSigma', help: 'event latency lognormal sigma', kind: 'nonnegative' },
  { key: 'eventLoss', help: 'probability the event is never delivered', kind: 'probability' },
  { key: 'handlerMedianS', help: 'handler time incl. cold start, median seconds', kind: 'positive' },
  { key: 'handlerSigma', help: 'handler time lognormal sigma', kind: 'nonnegative' },
  { key: 'apiMedianS', help: 'one EC2 API call, median seconds', kind: 'positive' },
  { key: 'apiSigma', help: 'API latency lognormal sigma', kind: 'nonnegative' },
  { key: 'reconcileIntervalS', help: 'scheduled reconcile interval, seconds', kind: 'positive' },
  {
    key: 'reconcileRunS',
    help: 'time for a reconcile run to reach the connection, seconds',
    kind: 'nonnegative',
  },
  {
    key: 'remediationFailure',
    help: 'probability a remediation fails or silently does not take effect',
    kind: 'probability',
  },
  { key: 'humanMedianS', help: 'human response to an escalation, median seconds', kind: 'positive' },
  { key: 'humanSigma', help: 'human response lognormal sigma', kind: 'nonnegative' },
  {
    key: 'scpGap',
    help: 'probability the SCP does not apply (e.g. management account)',
    kind: 'probability',
  },
  {
    key: 'horizonS',
    help: 'censor windows here, seconds (pending requests expire after 7 days)',
    kind: 'positive',
  },
];

const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function parseFlag(f: Flag, raw: string): number {
  const v = Number(raw);
  const flag = `--${kebab(f.key)}`;
  const bad = (expected: string) => new UsageError(`${flag} ${JSON.stringify(raw)} is not ${expected}`);
  if (raw.trim() === '' || !Number.isFinite(v)) throw bad('a number');
  if (f.kind === 'int' && (!Number.isInteger(v) || v < 1 || v > 10_000_000))
    throw bad('a whole number from 1 to 10000000');
  if (f.kind === 'positive' && v <= 0) throw bad('a number > 0');
  if (f.kind === 'nonnegative' && v < 0) throw bad('a number >= 0');
  if (f.kind === 'probability' && (v < 0 || v > 1)) throw bad('a probability from 0 to 1');
  return v;
}

function fmtSeconds(s: number): string {
  if (s === 0) return '0';
  if (s < 120) return `${s.toFixed(1)}s`;
  if (s < 7200) return `${(s / 60).toFixed(1)}m`;
  if (s < 172800) return `${(s / 3600).toFixed(1)}h`;
  return `${(s / 86400).toFixed(1)}d`;
}

export function raceText(r: RaceResult): string {
  const head = ['strategy', 'P(active)', 'window p50', 'p90', 'p99', 'max', 'if active p50', 'p90', 'p99'];
  const rows = r.results.map((x) => [
    x.strategy,
    `${(x.pActive * 100).toFixed(2)}%`,
    fmtSeconds(x.window.p50),
    fmtSeconds(x.window.p90),
    fmtSeconds(x.window.p99),
    fmtSeconds(x.window.max),
    x.windowIfActive ? fmtSeconds(x.windowIfActive.p50) : '-',
    x.windowIfActive ? fmtSeconds(x.windowIfActive.p90) : '-',
    x.windowIfActive ? fmtSeconds(x.windowIfActive.p99) : '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return (
    [
      `${r.params.trials} trials, seed ${r.params.seed}; assumptions: docs/race-model.md (perimeter race --help)`,
      line(head),
      ...rows.map(line),
    ].join('\n') + '\n'
  );
}

export function register(program: Command): void {
  const cmd = program
    .command('race')
    .description(
      'Monte Carlo model of seed 000: probability a cross-org peering becomes active, and for how long, per detection strategy',
    )
    .option('--format <format>', `output format: ${formats.join(', ')}`, 'text');
  for (const f of flags)
    cmd.option(`--${kebab(f.key)} <n>`, `${f.help} (default ${defaultRaceParams[f.key]})`);
  cmd.action((opts: Record<string, string>) => {
    const format = parseFormat(opts.format ?? 'text', formats);
    const params: Record<string, number> = { ...defaultRaceParams };
    for (const f of flags) {
      const raw = opts[f.key];
      if (raw !== undefined) params[f.key] = parseFlag(f, raw);
    }
    const result = runRace(params as unknown as RaceParams);
    writeOut(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : raceText(result));
  });
}
