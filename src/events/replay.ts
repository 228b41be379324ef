// Replay: parsed inputs → de-duplicated events (by eventID) → detections → remediation outcomes.
// Used by `perimeter events replay` and the Lambda handler.
import type { NormalizedEvent } from './event-types.js';
import { detectEvent, compareDetections } from './detect.js';
import type { Detection, DetectorContext } from './detectors/detector.js';
import type { ParsedInput } from './parse-input.js';
import type { Outcome, Remediator } from './remediator.js';

export interface ReplaySummary {
  readonly records: number;
  readonly events: number;
  /** Same eventID seen again (CloudTrail/EventBridge deliver at least once). */
  readonly duplicates: number;
  readonly failedCalls: number;
  readonly failedByCode: Readonly<Record<string, number>>;
  readonly invalid: readonly string[];
  readonly detections: number;
  readonly byRule: Readonly<Record<string, number>>;
  readonly bySeverity: Readonly<Record<string, number>>;
}

export interface ReplayResult {
  readonly summary: ReplaySummary;
  readonly detections: readonly Detection[];
  readonly outcomes: readonly Outcome[];
}

export function uniqueEvents(events: readonly NormalizedEvent[]): {
  events: NormalizedEvent[];
  duplicates: number;
} {
  const seen = new Set<string>();
  const out: NormalizedEvent[] = [];
  let duplicates = 0;
  for (const e of events) {
    if (seen.has(e.eventId)) {
      duplicates++;
      continue;
    }
    seen.add(e.eventId);
    out.push(e);
  }
  return { events: out, duplicates };
}

function sortedCounts(values: readonly string[]): Record<string, number> {
  const m: Record<string, number> = {};
  for (const v of [...values].sort()) m[v] = (m[v] ?? 0) + 1;
  return m;
}

export async function replay(
  parsed: ParsedInput,
  ctx: DetectorContext,
  remediator: Remediator,
): Promise<ReplayResult> {
  const { events, duplicates } = uniqueEvents(parsed.events);
  const detections: Detection[] = [];
  for (const e of events) detections.push(...detectEvent(e, ctx));
  detections.sort(compareDetections);
  const outcomes: Outcome[] = [];
  // In event-time order: later events see what earlier ones did (state-driven, so order is not load-bearing).
  for (const d of detections) outcomes.push(await remediator.handle(d));
  const sortedFailed: Record<string, number> = {};
  for (const k of Object.keys(parsed.failedByCode).sort()) sortedFailed[k] = parsed.failedByCode[k]!;
  return {
    summary: {
      records: parsed.records,
      events: events.length,
      duplicates,
      failedCalls: parsed.failedCalls,
      failedByCode: sortedFailed,
      invalid: [...parsed.invalid],
      detections: detections.length,
      byRule: sortedCounts(detections.map((d) => d.finding.ruleId)),
      bySeverity: sortedCounts(detections.map((d) => d.finding.severity)),
    },
    detections,
    outcomes,
  };
}
