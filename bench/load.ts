// npm run bench:load [-- S M L] — snapshot loading vs plain JSON.parse of the same files.
// Each tier runs in its own process (so peak RSS is per tier); synthetic estates are cached
// under os.tmpdir() by tier and seed.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSnapshot } from '../src/estate/load.js';
import { ensureEstate, runTierChild, tierArgs } from './lib/tiers.js';

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

async function jsonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.json') && !e.name.startsWith('.'))
      out.push(join(e.parentPath, e.name));
  }
  return out.sort();
}

/** Baseline: read and JSON.parse every file (16 reads in flight on libuv's thread pool). */
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

/** Runs per measurement (the best is kept, for the baseline and the loader alike). */
const RUNS = 3;

async function child(tier: string): Promise<TierResult> {
  const { dir, summary } = await ensureEstate(tier);
  const files = await jsonFiles(dir);
  await parseAll(files); // warm the page cache
  gc?.();
  let parseS = Infinity;
  let parseCpuS = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await parseAll(files);
    parseS = Math.min(parseS, (performance.now() - t) / 1000);
    parseCpuS = Math.min(parseCpuS, cpuSeconds(process.cpuUsage(c)));
    gc?.();
  }
  // Same method as the baseline: the best of RUNS runs (the first, cold run is reported too).
  let loadS = Infinity;
  let loadCpuS = Infinity;
  let coldS = 0;
  // Holds the last estate; dropped before each run so two estates never coexist.
  const held: { estate?: Awaited<ReturnType<typeof loadSnapshot>> } = {};
  for (let i = 0; i < RUNS; i++) {
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
  const tiers = tierArgs(args);
  const script = fileURLToPath(import.meta.url);
  const results: TierResult[] = [];
  for (const tier of tiers) {
    const res = runTierChild<TierResult>(script, tier, ['--expose-gc']);
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
