// Value parsing for the numeric, date and boolean condition operators.

const EPOCH_RE = /^-?\d+(\.\d+)?$/;
// ISO 8601 as AWS accepts it: a date, optionally a time with optional fraction and zone.
const ISO_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Milliseconds since the epoch of a Date operator value: ISO 8601 (`2026-01-31`,
 * `2026-01-31T12:00:00Z`) or epoch seconds (`1767225600`), as the Date condition operators accept.
 * A date without a zone is read as UTC. Returns undefined when it is neither.
 */
export function parseDateValue(text: string): number | undefined {
  const t = text.trim();
  if (EPOCH_RE.test(t)) return Number(t) * 1000;
  if (!ISO_RE.test(t)) return undefined;
  const withZone = /T/.test(t) && !/(Z|[+-]\d{2}:?\d{2})$/.test(t) ? `${t}Z` : t;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A finite number, or undefined for anything else (including the empty string). */
export function parseNumericValue(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}
