// Runs checks over an estate: turns drafts into findings, applies suppressions, and keeps going
// when a check throws (it becomes an `error` entry) or lacks data (`not-applicable` with a reason).
import type { Intent, Suppression } from '../config/intent.js';
import type { Estate } from '../estate/model.js';
import { isNotApplicable } from './define-check.js';
import { fingerprintOf } from './fingerprint.js';
import type { Check, CheckContext, Finding } from './types.js';
import { severityRank } from './types.js';

export interface CheckError {
  readonly checkId: string;
  readonly message: string;
}

export interface NotApplicableEntry {
  readonly checkId: string;
  readonly reason: string;
}

export interface SuppressedFinding {
  readonly finding: Finding;
  readonly reason: string;
  readonly expires?: string;
}

export interface ExpiredSuppression {
  readonly suppression: Suppression;
  /** The findings it would have suppressed (they are reported again). */
  readonly fingerprints: readonly string[];
}

export interface ScanResult {
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly expiredSuppressions: readonly ExpiredSuppression[];
  readonly errors: readonly CheckError[];
  readonly notApplicable: readonly NotApplicableEntry[];
  /** Ids of the checks that ran, sorted. */
  readonly checksRun: readonly string[];
  /** Milliseconds per check, for bench:scan (not part of compared output). */
  readonly timings: ReadonlyMap<string, number>;
}

export interface RunOptions {
  /** Today's date YYYY-MM-DD, for suppression expiry (injected for determinism). */
  readonly today: string;
  readonly now?: () => number;
}

export function makeContext(estate: Estate, intent: Intent): CheckContext {
  const cache = new Map<string, unknown>();
  return {
    estate,
    intent,
    memo<T>(key: string, compute: () => T): T {
      if (cache.has(key)) return cache.get(key) as T;
      const v = compute();
      cache.set(key, v);
      return v;
    },
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.resource.accountId.localeCompare(b.resource.accountId) ||
    a.resource.region.localeCompare(b.resource.region) ||
    a.resource.id.localeCompare(b.resource.id) ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}

function suppressionMatches(s: Suppression, f: Finding): boolean {
  if (s.fingerprint !== undefined) return s.fingerprint === f.fingerprint;
  return s.ruleId === f.ruleId && (s.resource === f.resource.id || s.resource === f.resource.arn);
}

export function runChecks(
  estate: Estate,
  intent: Intent,
  checks: readonly Check[],
  options: RunOptions,
): ScanResult {
  const now = options.now ?? (() => performance.now());
  const ctx = makeContext(estate, intent);
  const disabled = new Set(intent.checks.disabled);
  const raw: Finding[] = [];
  const errors: CheckError[] = [];
  const notApplicable: NotApplicableEntry[] = [];
  const timings = new Map<string, number>();
  const checksRun: string[] = [];
  for (const check of [...checks].sort((a, b) => a.id.localeCompare(b.id))) {
    if (disabled.has(check.id)) continue;
    checksRun.push(check.id);
    const t0 = now();
    try {
      const result = check.run(ctx);
      if (isNotApplicable(result)) {
        notApplicable.push({ checkId: check.id, reason: result.notApplicable });
      } else {
        for (const d of result) {
          raw.push({
            ruleId: check.id,
            severity: d.severity ?? check.severity,
            title: check.title,
            resource: d.resource,
            message: d.message,
            evidence: d.evidence ?? {},
            ...(d.path ? { path: d.path } : {}),
            remediation: d.remediation ?? check.remediation,
            fingerprint: fingerprintOf(check.id, d.resource.id, d.discriminator ?? ''),
          });
        }
      }
    } catch (err) {
      errors.push({ checkId: check.id, message: err instanceof Error ? err.message : String(err) });
    }
    timings.set(check.id, now() - t0);
  }

  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const expiredHits = new Map<Suppression, string[]>();
  for (const f of raw) {
    const matching = intent.suppressions.filter((s) => suppressionMatches(s, f));
    const active = matching.find((s) => s.expires === undefined || s.expires >= options.today);
    if (active) {
      suppressed.push({
        finding: f,
        reason: active.reason,
        ...(active.expires ? { expires: active.expires } : {}),
      });
      continue;
    }
    for (const s of matching) {
      const list = expiredHits.get(s) ?? [];
      list.push(f.fingerprint);
      expiredHits.set(s, list);
    }
    findings.push(f);
  }
  const expiredSuppressions: ExpiredSuppression[] = intent.suppressions
    .filter((s) => s.expires !== undefined && s.expires < options.today)
    .map((s) => ({ suppression: s, fingerprints: (expiredHits.get(s) ?? []).sort() }));

  findings.sort(compareFindings);
  suppressed.sort((a, b) => compareFindings(a.finding, b.finding));
  return { findings, suppressed, expiredSuppressions, errors, notApplicable, checksRun, timings };
}
