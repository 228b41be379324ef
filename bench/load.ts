// npm run bench:load [-- S M L] — snapshot loading vs plain JSON.parse of the same files.
// Each tier runs in its own process (so peak RSS is per tier); synthetic estates are cached
// under os.tmpdir() by tier and seed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSnapshot } from '../src/estate/load.js';
import { TIERS, writeSyntheticEstate, type SynthSummary } from './synth.js';

const SEED = 20261123;
const SYNTH_VERSION = 2;

interface TierResult {
  tier: string;
  accounts: number;
  files: number;
  mb: number;
  enis: number;
  parseS: number;
  loadS: number;
  coldS: number;
  ratio: number;
  /** The same ratio in CPU time (user + system), less sensitive to a busy machine. */
  cpuRatio: number;
  loadCpuS: number;
  peakRssMb: number;
}

async function ensureEstate(tier: string): Promise<{ dir: string; summary: SynthSummary }> {
  const dir = join(tmpdir(), `perimeter-synth-${tier}-${SEED}-v${SYNTH_VERSION}`);
  const marker = join(dir, '.complete.json');
  if (existsSync(marker)) return { dir, summary: JSON.parse(readFileSync(marker, 'utf8')) as SynthSummary };
  rmSync(dir, { recursive: true, force: true });
  const t = performance.now();
  const summary = await writeSyntheticEstate(dir, { accounts: TIERS[tier]!, seed: SEED });
  writeFileSync(marker, JSON.stringify(summary));
  console.error(`synthesized tier ${tier} in ${((performance.now() - t) / 1000).toFixed(1)} s → ${dir}`);
  return { dir, summary };
}

async function jsonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.json') && !e.name.startsWith('.'))
      out.push(join(e.parentPath, e.name));
  }
  return out.sort();
}

/** Baseline: read and JSON.parse every file (16 in flight, as the loader does). */
async function parseAll(files: string[]): Promise<number> {
  let next = 0;
  let keys = 0;
  const worker = async () => {
    while (next < files.length) {
      const f = files[next++]!;
      keys += Object.keys(JSON.parse(await readFile(f, 'utf8')) as object).length;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return keys;
}

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

const gc = (globalThis as { gc?: () => void }).gc;

async function child(tier: string): Promise<TierResult> {
  const { dir, summary } = await ensureEstate(tier);
  const files = await jsonFiles(dir);
  await parseAll(files); // warm the page cache
  gc?.();
  let parseS = Infinity;
  let parseCpuS = Infinity;
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await parseAll(files);
    parseS = Math.min(parseS, (performance.now() - t) / 1000);
    parseCpuS = Math.min(parseCpuS, cpuSeconds(process.cpuUsage(c)));
    gc?.();
  }
  // Same method as the baseline: the best of two runs (the first, cold run is reported too).
  let loadS = Infinity;
  let loadCpuS = Infinity;
  let coldS = 0;
  // Holds the last estate; dropped before each run so two estates never coexist.
  const held: { estate?: Awaited<ReturnType<typeof loadSnapshot>> } = {};
  for (let i = 0; i < 2; i++) {
    delete held.estate;
    gc?.();
    const t = performance.now();
    const c = process.cpuUsage();
    held.estate = await loadSnapshot(dir);
    const s = (performance.now() - t) / 1000;
    loadCpuS = Math.min(loadCpuS, cpuSeconds(process.cpuUsage(c)));
    if (i === 0) coldS = s;
    loadS = Math.min(loadS, s);
  }
  const estate = held.estate;
  if (!estate) throw new Error('no estate');
  if (estate.networkInterfaces.size !== summary.enis) {
    throw new Error(`loaded ${estate.networkInterfaces.size} ENIs, synthesized ${summary.enis}`);
  }
  return {
    tier,
    accounts: summary.accounts,
    files: files.length,
    mb: summary.bytes / 1e6,
    enis: summary.enis,
    parseS,
    loadS,
    coldS,
    ratio: loadS / parseS,
    cpuRatio: loadCpuS / parseCpuS,
    loadCpuS,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const r = await child(args[1]!);
    process.stdout.write(`${JSON.stringify(r)}\n`);
    return;
  }
  const tiers = args.length > 0 ? args.map((a) => a.toUpperCase()) : ['S', 'M', 'L'];
  for (const t of tiers) if (!(t in TIERS)) throw new Error(`unknown tier ${t} (expected S, M or L)`);
  const script = fileURLToPath(import.meta.url);
  const results: TierResult[] = [];
  for (const tier of tiers) {
    const r = spawnSync(
      process.execPath,
      [...process.execArgv, '--expose-gc', '--max-old-space-size=8192', script, '--child', tier],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 20,
      },
    );
    if (r.status !== 0) throw new Error(`tier ${tier} failed (exit ${r.status})`);
    const res = JSON.parse(r.stdout.trim().split('\n').pop()!) as TierResult;
    results.push(res);
    console.log(
      `tier ${res.tier}: ${res.accounts} accounts, ${res.files} files, ${res.mb.toFixed(0)} MB, ${res.enis} ENIs | ` +
        `JSON.parse ${res.parseS.toFixed(2)} s, loadSnapshot ${res.loadS.toFixed(2)} s (CPU ${res.loadCpuS.toFixed(2)} s; first run ${res.coldS.toFixed(2)} s), ratio load/parse ${res.ratio.toFixed(2)} (CPU time ${res.cpuRatio.toFixed(2)}; target ≤ 1.5) | ` +
        `peak RSS ${res.peakRssMb.toFixed(0)} MB`,
    );
  }
  const m = results.find((r) => r.tier === 'M');
  const l = results.find((r) => r.tier === 'L');
  if (m && l) {
    const k = Math.log(l.loadS / m.loadS) / Math.log(l.enis / m.enis);
    console.log(
      `growth exponent M→L: ${k.toFixed(2)} (1.0 = linear); L load ${l.loadS.toFixed(1)} s (target < 30 s), peak RSS ${(l.peakRssMb / 1024).toFixed(2)} GB (target < 6 GB)`,
    );
  }
}

await main();
