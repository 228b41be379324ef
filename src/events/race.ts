// Monte Carlo model of seed 000: a peering request to an outside account is created in our account;
// the outside party accepts after some delay; we detect it from the CloudTrail event through
// EventBridge and/or a scheduled reconcile, and remediate (delete the request; once accepted,
// quarantine + delete). What is the probability the connection becomes active, and for how long?
// Every assumption is a parameter with a documented default and source (docs/race-model.md).
// Deterministic: a seeded PRNG (mulberry32) and a fixed order of draws per trial.

export interface RaceParams {
  readonly trials: number;
  readonly seed: number;
  /** Outside party's accept delay after the request (lognormal, seconds). */
  readonly acceptMedianS: number;
  readonly acceptSigma: number;
  /** Probability the outside party accepts at all (within the 7-day window). */
  readonly acceptProbability: number;
  /** provisioning → active (seconds, fixed). */
  readonly provisionS: number;
  /** CloudTrail → EventBridge delivery latency (lognormal, seconds). */
  readonly eventMedianS: number;
  readonly eventSigma: number;
  /** Probability the event never arrives (EventBridge delivery of CloudTrail events is best effort). */
  readonly eventLoss: number;
  /** Handler time before the first call, cold start included (lognormal, seconds). */
  readonly handlerMedianS: number;
  readonly handlerSigma: number;
  /** One EC2 API call (lognormal, seconds). */
  readonly apiMedianS: number;
  readonly apiSigma: number;
  /** Reconcile interval (seconds) and how long a reconcile run takes to reach this connection. */
  readonly reconcileIntervalS: number;
  readonly reconcileRunS: number;
  /** Probability a remediation call fails or silently does not take effect. */
  readonly remediationFailure: number;
  /** Human response to an escalation (lognormal, seconds). */
  readonly humanMedianS: number;
  readonly humanSigma: number;
  /** Probability the SCP does not apply (e.g. the management account, which SCPs never restrict). */
  readonly scpGap: number;
  /** Windows are censored here (seconds): pending requests expire after 7 days. */
  readonly horizonS: number;
}

/** Defaults; docs/race-model.md gives the source or reasoning of each. */
export const defaultRaceParams: RaceParams = {
  trials: 100_000,
  seed: 42,
  acceptMedianS: 600,
  acceptSigma: 1.5,
  acceptProbability: 1,
  provisionS: 5,
  eventMedianS: 30,
  eventSigma: 1,
  eventLoss: 0.001,
  handlerMedianS: 1.5,
  handlerSigma: 0.5,
  apiMedianS: 0.3,
  apiSigma: 0.5,
  reconcileIntervalS: 900,
  reconcileRunS: 60,
  remediationFailure: 0.01,
  humanMedianS: 3600,
  humanSigma: 1,
  scpGap: 0,
  horizonS: 7 * 86400,
};

export const strategies = ['event-only', 'schedule-only', 'both', 'scp-prevented'] as const;
export type Strategy = (typeof strategies)[number];

export interface StrategyResult {
  readonly strategy: Strategy;
  /** Fraction of trials in which the connection became active. */
  readonly pActive: number;
  /** Exposure window (seconds active) percentiles over all trials (0 when never active). */
  readonly window: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  /** Same, over the trials where it became active. */
  readonly windowIfActive: { readonly p50: number; readonly p90: number; readonly p99: number } | null;
}

export interface RaceResult {
  readonly params: RaceParams;
  readonly results: readonly StrategyResult[];
}

/** mulberry32: small, fast, good enough for Monte Carlo; deterministic per seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rng: () => number): number {
  // Box–Muller; 1 - u keeps log away from 0.
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function lognormal(rng: () => number, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i]!;
}

interface Trial {
  /** When the outside party accepts (s after the request), Infinity if never. */
  readonly acceptAt: number;
  /** When the event path would first act (s), Infinity if the event is lost. */
  readonly eventActAt: number;
  /** When the first reconcile after the request acts (s). */
  readonly reconcileActAt: number;
  /** Extra time to quarantine + delete once active (describe, delete routes, delete). */
  readonly liveRemediationS: number;
  /** The remediation attempt silently fails (caught by verification → escalation → human, or the next reconcile). */
  readonly fails: boolean;
  readonly humanS: number;
  readonly scpApplies: boolean;
}

function drawTrial(rng: () => number, p: RaceParams): Trial {
  // Fixed draw order: results depend only on the seed and the parameters.
  const accepts = rng() < p.acceptProbability;
  const acceptDelay = lognormal(rng, p.acceptMedianS, p.acceptSigma);
  const lost = rng() < p.eventLoss;
  const eventLatency = lognormal(rng, p.eventMedianS, p.eventSigma);
  const handler = lognormal(rng, p.handlerMedianS, p.handlerSigma);
  const api1 = lognormal(rng, p.apiMedianS, p.apiSigma); // describe
  const api2 = lognormal(rng, p.apiMedianS, p.apiSigma); // delete / reject
  const phase = rng() * p.reconcileIntervalS;
  const api3 = lognormal(rng, p.apiMedianS, p.apiSigma); // describe routes
  const api4 = lognormal(rng, p.apiMedianS, p.apiSigma); // delete route(s)
  const fails = rng() < p.remediationFailure;
  const human = lognormal(rng, p.humanMedianS, p.humanSigma);
  const scpApplies = rng() >= p.scpGap;
  return {
    acceptAt: accepts ? acceptDelay : Infinity,
    eventActAt: lost ? Infinity : eventLatency + handler + api1 + api2,
    reconcileActAt: phase + p.reconcileRunS + api1 + api2,
    liveRemediationS: api3 + api4 + api2,
    fails,
    humanS: human,
    scpApplies,
  };
}

/** Seconds the connection is active in one trial under one strategy. */
function windowOf(t: Trial, s: Strategy, p: RaceParams): number {
  if (s === 'scp-prevented' && t.scpApplies) return 0; // CreateVpcPeeringConnection denied: nothing to accept
  const activeAt = t.acceptAt + p.provisionS;
  if (!Number.isFinite(t.acceptAt)) return 0;
  const useEvent = s === 'event-only' || s === 'both' || s === 'scp-prevented';
  const useSchedule = s === 'schedule-only' || s === 'both' || s === 'scp-prevented';
  // First attempt by each path; the next reconcile retries a failed attempt.
  const attempts: number[] = [];
  if (useEvent && Number.isFinite(t.eventActAt)) attempts.push(t.eventActAt);
  if (useSchedule) attempts.push(t.reconcileActAt);
  if (attempts.length === 0) return Math.max(0, p.horizonS - activeAt); // nothing will ever act
  let actAt = Math.min(...attempts);
  if (t.fails) {
    // Verification fails → escalation → a human (event path), or the next reconcile tick retries.
    const byHuman = actAt + t.humanS;
    const byNextReconcile = useSchedule ? t.reconcileActAt + p.reconcileIntervalS : Infinity;
    actAt = Math.min(byHuman, byNextReconcile);
  }
  if (actAt < t.acceptAt) return 0; // deleted/rejected while still pending: never active
  // Accepted first: reject/delete-request fails, re-describe, quarantine routes, delete.
  const fixedAt = Math.max(actAt, activeAt) + t.liveRemediationS;
  return Math.min(p.horizonS, Math.max(0, fixedAt - activeAt));
}

export function runRace(params: RaceParams): RaceResult {
  const rng = mulberry32(params.seed);
  const trials: Trial[] = [];
  for (let i = 0; i < params.trials; i++) trials.push(drawTrial(rng, params));
  const results = strategies.map((s): StrategyResult => {
    const windows = trials.map((t) => windowOf(t, s, params));
    const active = windows.filter((w) => w > 0).sort((a, b) => a - b);
    windows.sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      strategy: s,
      pActive: active.length / Math.max(1, windows.length),
      window: {
        p50: round(percentile(windows, 0.5)),
        p90: round(percentile(windows, 0.9)),
        p99: round(percentile(windows, 0.99)),
        max: round(windows[windows.length - 1] ?? 0),
      },
      windowIfActive:
        active.length === 0
          ? null
          : {
              p50: round(percentile(active, 0.5)),
              p90: round(percentile(active, 0.9)),
              p99: round(percentile(active, 0.99)),
            },
    };
  });
  return { params, results };
}
