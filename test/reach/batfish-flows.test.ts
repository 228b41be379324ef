// Flows asserted by Batfish's own AWS end-to-end tests (AwsConfiguration*Test.java in
// batfish/batfish), replayed on the same snapshots (../shared/fixtures/batfish-aws). Each scenario
// records the source test class and method, Batfish's disposition and hops, and — where perimeter
// deliberately differs — the expected answer with the reason.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { trace } from '../../src/reach/index.js';
import { fixtureEstate } from './helpers.js';

interface Flow {
  method: string;
  from: string;
  to: string;
  protocol?: string;
  port?: number;
  batfish: { disposition: string; hops: string[] };
  expect?: { disposition: string; hops: string[] };
  deviation?: string;
}

const DISPOSITIONS: Record<string, string> = {
  ACCEPTED: 'accepted',
  EXITS_NETWORK: 'exits-network',
  DENIED_IN: 'denied-in',
  DENIED_OUT: 'denied-out',
  NO_ROUTE: 'no-route',
  NULL_ROUTED: 'null-routed',
  // Batfish's "delivered to subnet" (no interface holds the address): dropped there.
  DELIVERED_TO_SUBNET: 'null-routed',
};

/** Batfish's answer in perimeter's vocabulary: no backbone node, the internet host is "internet". */
function translate(b: Flow['batfish']): { disposition: string; hops: string[] } {
  return {
    disposition: DISPOSITIONS[b.disposition] ?? `unmapped ${b.disposition}`,
    hops: b.hops.filter((h) => h !== 'aws-backbone'),
  };
}

const dir = join('test', 'scenarios', 'reach', 'batfish');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
let total = 0;

describe.each(files)('batfish %s', (file) => {
  const s = parse(readFileSync(join(dir, file), 'utf8')) as {
    fixture: string;
    source: string;
    flows: Flow[];
  };
  total += s.flows.length;
  it('names its Batfish source test', () => {
    expect(s.source).toMatch(
      /^batfish\/batfish projects\/batfish\/src\/test\/java\/org\/batfish\/representation\/aws\/AwsConfiguration\w+Test\.java$/,
    );
  });
  s.flows.forEach((f, i) => {
    it(`${f.method} #${i}: ${f.from} → ${f.to}`, () => {
      const estate = fixtureEstate(s.fixture);
      const want = f.expect ?? translate(f.batfish);
      if (f.expect) {
        // A deviation from Batfish is explained, and only exists when the answers really differ.
        expect(f.deviation, 'a differing expectation needs a deviation note').toBeTruthy();
        expect(f.expect).not.toEqual(translate(f.batfish));
      }
      const r = trace(estate, { from: f.from, to: f.to, protocol: f.protocol, port: f.port });
      expect({ disposition: r.disposition, hops: r.hops }).toEqual(want);
    });
  });
});

describe('batfish coverage', () => {
  it('replays at least 30 Batfish flows', () => {
    expect(total).toBeGreaterThanOrEqual(30);
  });
});
