// bench:events — parse + detect throughput on the real invictus CloudTrail files, against plain
// JSON.parse of the same bytes measured in the same run, and the Lambda handler's per-event overhead
// excluding AWS calls (dry run: detect, plan, audit and metric lines, no port calls).
// Usage: npm run bench:events [-- --passes N]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventBridgeEvent } from 'aws-lambda';
import { intentSchema } from '../src/config/intent.js';
import { buildEstate } from '../src/estate/build.js';
import { detectAll } from '../src/events/detect.js';
import { createHandler } from '../src/events/lambda-handler.js';
import { emptyParsed, parseEventInput } from '../src/events/parse-input.js';

const dir = '../shared/fixtures/cloudtrail-invictus/CloudTrail';
const passesArg = process.argv.indexOf('--passes');
const passes = passesArg > 0 ? Number(process.argv[passesArg + 1]) : 30;

const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => readFileSync(join(dir, f)));
const bytes = files.reduce((n, b) => n + b.length, 0);
const estate = buildEstate([]);
const intent = intentSchema.parse({ noInternetIngress: ['123837392027'] });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

// Warm up both paths (JIT), then alternate them pass by pass so load drift hits both equally.
let records = 0;
let detections = 0;
for (let i = 0; i < 3; i++) {
  for (const b of files) JSON.parse(b.toString('utf8'));
  const p = emptyParsed();
  for (const b of files) parseEventInput(b, 'x', p);
  detectAll(p.events, { estate, intent });
}
const jsonTimes: number[] = [];
const detectTimes: number[] = [];
for (let i = 0; i < passes; i++) {
  let t = performance.now();
  let n = 0;
  for (const b of files) n += (JSON.parse(b.toString('utf8')) as { Records: unknown[] }).Records.length;
  jsonTimes.push(performance.now() - t);
  t = performance.now();
  const p = emptyParsed();
  for (const b of files) parseEventInput(b, 'x', p);
  const d = detectAll(p.events, { estate, intent });
  detectTimes.push(performance.now() - t);
  records = p.records;
  detections = d.length;
  if (n !== records) throw new Error(`record count mismatch: JSON.parse ${n}, parseEventInput ${records}`);
}

// Handler overhead per event (dry run: no AWS calls are made, by construction).
const envelopes: EventBridgeEvent<string, unknown>[] = [];
for (const b of files) {
  for (const r of (JSON.parse(b.toString('utf8')) as { Records: Record<string, unknown>[] }).Records) {
    envelopes.push({
      version: '0',
      id: String(r.eventID),
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.ec2',
      account: String(r.recipientAccountId),
      time: String(r.eventTime),
      region: String(r.awsRegion),
      resources: [],
      detail: r,
    });
  }
}
let emitted = 0;
const handler = createHandler({
  config: { mode: 'dry-run', intent },
  ports: () => {
    throw new Error('bench: dry run must not reach AWS');
  },
  homeAccountId: () => Promise.resolve('123837392027'),
  region: 'us-east-1',
  clock: () => new Date(),
  sleep: () => Promise.resolve(),
  emit: (line) => {
    emitted += line.length;
  },
});
for (const e of envelopes.slice(0, 500)) await handler(e); // warm-up
const perEvent: number[] = [];
for (let pass = 0; pass < 3; pass++) {
  for (const e of envelopes) {
    const t = performance.now();
    await handler({ ...e, id: `${e.id}-${pass}` });
    perEvent.push(performance.now() - t);
  }
}
perEvent.sort((a, b) => a - b);
const pct = (p: number) => perEvent[Math.min(perEvent.length - 1, Math.ceil(p * perEvent.length) - 1)]!;

const jsonMs = median(jsonTimes);
const detectMs = median(detectTimes);
const eps = (records / detectMs) * 1000;
console.log(
  `bench:events — ${files.length} invictus files, ${(bytes / 1e6).toFixed(2)} MB, ${records} records, ${detections} detections, ${passes} passes (median)`,
);
console.log(
  `JSON.parse only         ${jsonMs.toFixed(2)} ms  ${((records / jsonMs) * 1000).toFixed(0)} records/s`,
);
console.log(
  `parse + normalize + detect ${detectMs.toFixed(2)} ms  ${eps.toFixed(0)} events/s  (target >= 50000)  ${eps >= 50_000 ? 'OK' : 'BELOW TARGET'}`,
);
console.log(`ratio parse+detect / JSON.parse: ${(detectMs / jsonMs).toFixed(2)}x`);
console.log(
  `handler overhead per event (dry run, no AWS calls, ${perEvent.length} events): p50 ${pct(0.5).toFixed(3)} ms  p99 ${pct(0.99).toFixed(3)} ms  max ${perEvent[perEvent.length - 1]!.toFixed(3)} ms  (target p99 < 5 ms) ${pct(0.99) < 5 ? 'OK' : 'ABOVE TARGET'}`,
);
console.log(`(emitted ${(emitted / 1e6).toFixed(1)} MB of audit/metric lines)`);
