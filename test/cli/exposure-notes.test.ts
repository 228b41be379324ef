// `perimeter exposure` says what it could not list as an exposure: an internet-facing load balancer
// that does not route (here the `failed` stale-nlb of the client-IP scenario) is a note in the text
// output and a stderr note with --format json (whose top level stays exactly {"exposures": […]}).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exposureText } from '../../src/cli/commands/exposure.js';
import { runCli } from '../support/run-cli.js';
import { snapshotDirs } from '../support/temp-dir.js';

interface ScenarioDoc {
  file: string;
  accountId: string;
  region: string;
  data: unknown;
}

const snapshot = snapshotDirs('exposure-notes');
function scenarioSnapshot(): string {
  const scenario = parse(readFileSync('test/scenarios/reach/load-balancer-client-ip.yaml', 'utf8')) as {
    documents: ScenarioDoc[];
  };
  return snapshot(
    Object.fromEntries(
      scenario.documents.map((d) => [`accounts/${d.accountId}/${d.region}/${d.file}`, d.data]),
    ),
  );
}

const STALE =
  'stale-nlb is failed, not active: it does not route traffic; nothing is exposed through it (arn:aws:elasticloadbalancing:eu-west-1:666666666666:loadbalancer/net/stale-nlb/5555eeee)';

describe('exposure notes', () => {
  it('text: a closing notes block names the load balancer that does not route', async () => {
    const r = await runCli(['exposure', scenarioSnapshot()]);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith(`notes:\n  - ${STALE}\n`)).toBe(true);
    expect(r.stdout).not.toContain('stale-nlb/5555eeee/l9400');
  });

  it('json: the note goes to stderr, the JSON keeps its one top-level key', async () => {
    const r = await runCli(['exposure', scenarioSnapshot(), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout) as object)).toEqual(['exposures']);
    expect(r.stderr).toContain(`perimeter: note: ${STALE}\n`);
  });

  it('no notes, no block (the demo); an empty list still shows its notes', async () => {
    const demo = await runCli(['exposure']);
    expect(demo.stdout).not.toContain('notes:');
    expect(exposureText([], ['x is failed'])).toBe('No internet exposure found.\nnotes:\n  - x is failed\n');
    expect(exposureText([])).toBe('No internet exposure found.\n');
  });
});
