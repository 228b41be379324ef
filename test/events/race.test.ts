import { describe, expect, it } from 'vitest';
import { defaultRaceParams, mulberry32, runRace } from '../../src/events/race.js';
import { runCli } from '../support/run-cli.js';

const small = { ...defaultRaceParams, trials: 5000 };
const pActive = (r: ReturnType<typeof runRace>) =>
  Object.fromEntries(r.results.map((x) => [x.strategy, x.pActive]));

describe('race model', () => {
  it('mulberry32 is deterministic per seed', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });

  it('same seed, same output; the SCP prevents activation entirely when it applies', () => {
    const r = runRace(small);
    expect(JSON.stringify(runRace(small))).toBe(JSON.stringify(r));
    expect(pActive(r)['scp-prevented']).toBe(0);
  });

  it('events plus schedule are never worse than either alone (common random numbers)', () => {
    const p = pActive(runRace(small));
    expect(p.both!).toBeLessThanOrEqual(p['event-only']!);
    expect(p.both!).toBeLessThanOrEqual(p['schedule-only']!);
  });

  it('every event lost: event-only is always active, for the whole 7-day horizon minus the accept delay', () => {
    const r = runRace({ ...small, trials: 200, eventLoss: 1, remediationFailure: 0 });
    const ev = r.results.find((x) => x.strategy === 'event-only')!;
    expect(ev.pActive).toBe(1);
    expect(ev.window.max).toBeLessThanOrEqual(7 * 86400);
    expect(ev.window.p50).toBeGreaterThan(7 * 86400 - 3600);
  });

  it('the outside party never accepts: nothing ever becomes active', () => {
    expect(Object.values(pActive(runRace({ ...small, acceptProbability: 0 })))).toEqual([0, 0, 0, 0]);
  });

  it('an instant attacker (accepts in ~1 s) beats event-driven detection almost always', () => {
    const p = pActive(runRace({ ...small, acceptMedianS: 1, acceptSigma: 0.1 }));
    expect(p['event-only']!).toBeGreaterThan(0.99);
  });

  it('CLI: --format json is stable; a bad flag names the flag, the value and what was expected', async () => {
    const a = await runCli(['race', '--trials', '1000', '--seed', '7', '--format', 'json']);
    const b = await runCli(['race', '--trials', '1000', '--seed', '7', '--format', 'json']);
    expect([a.code, a.stdout === b.stdout]).toEqual([0, true]);
    expect(
      (JSON.parse(a.stdout) as { results: { strategy: string }[] }).results.map((x) => x.strategy),
    ).toEqual(['event-only', 'schedule-only', 'both', 'scp-prevented']);
    const bad = await runCli(['race', '--event-loss', '2']);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'perimeter: --event-loss "2" is not a probability from 0 to 1\n',
    ]);
  });
});
