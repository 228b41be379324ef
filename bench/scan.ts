// npm run bench:scan [-- S M L] — every check on a synthetic estate: per-check time, total scan
// time, peak RSS, and the ratio scan/load measured in the same process (targets for tier L:
// scan < 60 s, RSS < 8 GB). Each tier runs in its own process so peak RSS is per tier.
// Synthetic estates are shared with bench:load (cached under os.tmpdir() by tier and seed).
import { fileURLToPath } from 'node:url';
import { allChecks } from '../src/checks/registry.js';
import { runChecks } from '../src/checks/run-checks.js';
import { intentSchema } from '../src/config/intent.js';
import { loadSnapshot } from '../src/estate/load.js';
import { ensureEstate, runTierChild, tierArgs } from './lib/tiers.js';

interface TierResult {
  tier: string;
  enis: number;
  loadS: number;
  scanS: number;
  findings: number;
  errors: string[];
  perCheck: [string, number][];
  peakRssMb: number;
}

async function child(tier: string): Promise<TierResult> {
  const { dir, summary } = await ensureEstate(tier);
  const t0 = performance.now();
  const estate = await loadSnapshot(dir);
  const loadS = (performance.now() - t0) / 1000;
  // An intent that turns on the zone checks for a tenth of the accounts.
  const accounts = [...estate.accounts.keys()].filter((a) => /^\d{12}$/.test(a)).sort();
  const intent = intentSchema.parse({ noInternetIngress: accounts.filter((_, i) => i % 10 === 0) });
  const t1 = performance.now();
  const result = runChecks(estate, intent, allChecks, { today: '2026-11-23' });
  const scanS = (performance.now() - t1) / 1000;
  return {
    tier,
    enis: summary.enis,
    loadS,
    scanS,
    findings: result.findings.length,
    errors: result.errors.map((e) => `${e.checkId}: ${e.message}`),
    perCheck: [...result.timings.entries()].sort((a, b) => b[1] - a[1]).map(([id, ms]) => [id, ms / 1000]),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
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
  for (const tier of tiers) {
    const res = runTierChild<TierResult>(script, tier);
    console.log(
      `tier ${res.tier}: ${res.enis} ENIs | load ${res.loadS.toFixed(2)} s, scan (all ${allChecks.length} checks) ${res.scanS.toFixed(2)} s, ratio scan/load ${(res.scanS / res.loadS).toFixed(2)} | ${res.findings} findings | peak RSS ${(res.peakRssMb / 1024).toFixed(2)} GB`,
    );
    for (const [id, s] of res.perCheck) console.log(`  ${id.padEnd(28)} ${s.toFixed(3)} s`);
    for (const e of res.errors) console.log(`  ERROR ${e}`);
  }
}

await main();
