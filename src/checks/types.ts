// The finding model shared by checks, event detectors and reports (DESIGN.md "A finding").
import type { Intent } from '../config/intent.js';
import type { Estate } from '../estate/model.js';

export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof severities)[number];

/** Higher is worse. */
export function severityRank(s: Severity): number {
  return severities.length - severities.indexOf(s);
}

export interface FindingResource {
  readonly id: string;
  readonly type: string;
  readonly accountId: string;
  readonly region: string;
  readonly vpcId?: string;
  /** ARN when one exists (SARIF logical location). */
  readonly arn?: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly resource: FindingResource;
  readonly message: string;
  /** Machine-readable proof: the rule, route, policy statement … that makes this true. */
  readonly evidence: Readonly<Record<string, unknown>>;
  /** Hops (resource ids) of the path that proves it, when there is one. */
  readonly path?: readonly string[];
  readonly remediation: string;
  /** Stable across runs: sha256 of ruleId + resource id + discriminator. */
  readonly fingerprint: string;
}

/** What a check's `run` is given. Engines memoize their results per estate through `memo`. */
export interface CheckContext {
  readonly estate: Estate;
  /** The intent file (perimeter.yaml), already validated; `emptyIntent()` when there is none. */
  readonly intent: Intent;
  /** Compute once per scan and share across checks (e.g. the exposure analysis). */
  memo<T>(key: string, compute: () => T): T;
}

/** A check that cannot run on this estate says why instead of passing silently. */
export interface NotApplicable {
  readonly notApplicable: string;
}

/** What a check yields: findings without fingerprint (the framework adds it) and severity defaulting to the check's. */
export interface FindingDraft {
  readonly severity?: Severity;
  readonly resource: FindingResource;
  readonly message: string;
  readonly evidence?: Readonly<Record<string, unknown>>;
  readonly path?: readonly string[];
  /** Overrides the check's remediation text for this finding. */
  readonly remediation?: string;
  /** Distinguishes several findings of one check on one resource (e.g. the port range). */
  readonly discriminator?: string;
}

export interface CheckMeta {
  /** kebab-case, equal to the file name. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly rationale: string;
  readonly remediation: string;
  /** Area folder under src/checks/. */
  readonly area: string;
  /** Documentation links backing the rationale. */
  readonly references?: readonly string[];
}

export interface Check extends CheckMeta {
  run(ctx: CheckContext): readonly FindingDraft[] | NotApplicable;
}
