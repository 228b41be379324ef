// Runs the detectors over normalized events: dispatch by eventName (one map lookup per event),
// results sorted by event time, eventID, then fingerprint.
import type { NormalizedEvent } from './event-types.js';
import { allDetectors, type Detection, type Detector, type DetectorContext } from './detectors/index.js';

export function detectorIndex(
  detectors: readonly Detector[] = allDetectors,
): ReadonlyMap<string, readonly Detector[]> {
  const m = new Map<string, Detector[]>();
  for (const d of detectors) for (const n of d.eventNames) m.set(n, [...(m.get(n) ?? []), d]);
  return m;
}

const defaultIndex = detectorIndex();

export function detectEvent(
  ev: NormalizedEvent,
  ctx: DetectorContext,
  index: ReadonlyMap<string, readonly Detector[]> = defaultIndex,
): Detection[] {
  const ds = index.get(ev.eventName);
  if (ds === undefined) return [];
  const out: Detection[] = [];
  for (const d of ds) out.push(...d.detect(ev, ctx));
  return out;
}

export function compareDetections(a: Detection, b: Detection): number {
  return (
    a.eventTime.localeCompare(b.eventTime) ||
    a.eventId.localeCompare(b.eventId) ||
    a.finding.fingerprint.localeCompare(b.finding.fingerprint)
  );
}

export function detectAll(events: readonly NormalizedEvent[], ctx: DetectorContext): Detection[] {
  const out: Detection[] = [];
  for (const ev of events) {
    const ds = defaultIndex.get(ev.eventName);
    if (ds === undefined) continue;
    for (const d of ds) out.push(...d.detect(ev, ctx));
  }
  return out.sort(compareDetections);
}
