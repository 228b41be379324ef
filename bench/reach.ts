// npm run bench:reach [-- S M L] — full exposure + egress analysis vs loading the same snapshot,
// single-trace latency on the loaded estate, and growth M → L. Each tier runs in its own process;
// synthetic estates are shared with bench:load (cached under os.tmpdir() by tier and seed).
import { fileURLToPath } from 'node:url';
import { loadSnapshot } from '../src/estate/load.js';
import { computeEgress, computeExposure, trace } from '../src/reach/index.js';
import { Rng } from './lib/rng.js';
import { ensureEstate, runTierChild, SEED, tierArgs } from './lib/tiers.js';

interface TierResult {
  tier: string;
  enis: number;
  loadS: number;
  exposureS: number;
  egressS: number;
  ratio: number;
  /** Process CPU seconds (all threads): the machine is shared, wall time varies with its load. */
  loadCpuS: number;
  analysisCpuS: number;
  exposures: number;
  subnets: number;
  traceMedianMs: number;
  traceP95Ms: number;
  traces: number;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function child(tier: string): Promise<TierResult> {
  const { dir } = await ensureEstate(tier);
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1e6;
  };
  let c = cpu();
  let t = performance.now();
  const estate = await loadSnapshot(dir);
  const loadS = (performance.now() - t) / 1000;
  const loadCpuS = cpu() - c;

  c = cpu();
  t = performance.now();
  const exposures = computeExposure(estate);
  const exposureS = (performance.now() - t) / 1000;
  t = performance.now();
  const egress = computeEgress(estate);
  const egressS = (performance.now() - t) / 1000;
  const analysisCpuS = cpu() - c;

  // Traces between random ENIs (same and other VPCs) and to/from the internet.
  const rng = new Rng(SEED);
  const enis = [...estate.networkInterfaces.keys()];
  const times: number[] = [];
  const N = 300;
  for (let i = 0; i < N; i++) {
    const a = enis[rng.int(0, enis.length - 1)]!;
    const b = enis[rng.int(0, enis.length - 1)]!;
    const dst =
      i % 5 === 0 ? 'internet' : (estate.networkInterfaces.get(b)?.privateIps[0]?.privateIp ?? 'internet');
    const s = performance.now();
    trace(estate, { from: a, to: dst, protocol: 'tcp', port: 443 });
    times.push(performance.now() - s);
  }
  return {
    tier,
    enis: estate.networkInterfaces.size,
    loadS,
    exposureS,
    egressS,
    ratio: (exposureS + egressS) / loadS,
    loadCpuS,
    analysisCpuS,
    exposures: exposures.length,
    subnets: egress.length,
    traceMedianMs: quantile(times, 0.5),
    traceP95Ms: quantile(times, 0.95),
    traces: N,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    process.stdout.write(`${JSON.stringify(await child(args[1]!))}\n`);
    return;
  }
  const tiers = tierArgs(args);
  const script = fileURLToPath(import.meta.url);
  const results: TierResult[] = [];
  for (const tier of tiers) {
    const res = runTierChild<TierResult>(script, tier);
    results.push(res);
    console.log(
      `tier ${res.tier}: ${res.enis} ENIs | load ${res.loadS.toFixed(2)} s | exposure ${res.exposureS.toFixed(2)} s (${res.exposures} exposures) + egress ${res.egressS.toFixed(2)} s (${res.subnets} subnets) | ` +
        `ratio analysis/load ${res.ratio.toFixed(2)} wall, ${(res.analysisCpuS / res.loadCpuS).toFixed(2)} CPU (${res.analysisCpuS.toFixed(1)} / ${res.loadCpuS.toFixed(1)} s) (target < 1) | trace median ${res.traceMedianMs.toFixed(2)} ms, p95 ${res.traceP95Ms.toFixed(2)} ms over ${res.traces} (target median < 20 ms)`,
    );
  }
  const m = results.find((r) => r.tier === 'M');
  const l = results.find((r) => r.tier === 'L');
  if (m && l) {
    const perEni = (r: TierResult) => (r.exposureS + r.egressS) / r.enis;
    console.log(
      `growth M → L: ${(l.enis / m.enis).toFixed(1)}× ENIs, analysis ${((l.exposureS + l.egressS) / (m.exposureS + m.egressS)).toFixed(1)}× time, per-ENI cost ratio ${(perEni(l) / perEni(m)).toFixed(2)} (1.0 = linear)`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
