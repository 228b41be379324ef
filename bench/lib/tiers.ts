// Shared by the benchmarks: synthetic tiers cached under os.tmpdir() (by tier, seed and synth
// version), tier arguments, and running one tier per child process so peak RSS is per tier.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TIERS, writeSyntheticEstate, type SynthSummary } from '../synth.js';

export const SEED = 20261123;
/** Bump when bench/synth.ts changes what it writes, so cached estates are rebuilt. */
export const SYNTH_VERSION = 2;

export async function ensureEstate(tier: string): Promise<{ dir: string; summary: SynthSummary }> {
  const dir = join(tmpdir(), `perimeter-synth-${tier}-${SEED}-v${SYNTH_VERSION}`);
  const marker = join(dir, '.complete.json');
  if (existsSync(marker)) return { dir, summary: JSON.parse(readFileSync(marker, 'utf8')) as SynthSummary };
  rmSync(dir, { recursive: true, force: true });
  const summary = await writeSyntheticEstate(dir, { accounts: TIERS[tier]!, seed: SEED });
  writeFileSync(marker, JSON.stringify(summary));
  return { dir, summary };
}

/** `S M L` from the command line (default all three), validated. */
export function tierArgs(args: readonly string[]): string[] {
  const tiers = args.length > 0 ? args.map((a) => a.toUpperCase()) : ['S', 'M', 'L'];
  for (const t of tiers) if (!(t in TIERS)) throw new Error(`unknown tier ${t} (expected S, M or L)`);
  return tiers;
}

/** Runs `script --child TIER` in a fresh node process and returns the JSON it prints last. */
export function runTierChild<T>(script: string, tier: string, extraNodeArgs: readonly string[] = []): T {
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, ...extraNodeArgs, '--max-old-space-size=8192', script, '--child', tier],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 22 },
  );
  if (r.status !== 0) throw new Error(`tier ${tier} failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}
