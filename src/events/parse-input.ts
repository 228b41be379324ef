// Event input → normalized events. Accepts, in one buffer: a CloudTrail trail file
// ({"Records": [...]}, gzip too — trail files in S3 are .json.gz), one EventBridge envelope
// ({"detail-type": "AWS API Call via CloudTrail", "detail": <record>}), a JSON array of either, or
// JSON lines of either. Records with errorCode are failed calls: ignored and counted (DOMAIN.md §7).
import { gunzipSync } from 'node:zlib';
import type { NormalizedEvent } from './event-types.js';
import { normalizeRecord, type EnvelopeInfo } from './normalize.js';

export interface ParsedInput {
  readonly events: NormalizedEvent[];
  /** Records with errorCode (failed calls), ignored. */
  readonly failedCalls: number;
  /** Failed calls by errorCode, for the summary. */
  readonly failedByCode: Record<string, number>;
  /** Inputs that are not CloudTrail records, with where and why. */
  readonly invalid: string[];
  /** Records seen (events + failed + invalid records). */
  readonly records: number;
}

export function emptyParsed(): ParsedInput {
  return { events: [], failedCalls: 0, failedByCode: {}, invalid: [], records: 0 };
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function decode(data: Uint8Array | string): string {
  if (typeof data === 'string') return data;
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) return gunzipSync(data).toString('utf8');
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
}

/** Adds every record of one input (file) to `into`. */
export function parseEventInput(
  data: Uint8Array | string,
  source: string,
  into: ParsedInput = emptyParsed(),
): ParsedInput {
  const text = decode(data);
  let whole: unknown;
  let parsedWhole = false;
  try {
    whole = JSON.parse(text);
    parsedWhole = true;
  } catch {
    // not one JSON document: JSON lines
  }
  if (parsedWhole) {
    addDocument(whole, source, into);
    return into;
  }
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch (err) {
      (into as { records: number }).records++;
      into.invalid.push(
        `${source}:${i + 1}: not JSON (${err instanceof Error ? err.message : String(err)}); expected a trail file, an EventBridge event or JSON lines of them`,
      );
      continue;
    }
    addDocument(doc, `${source}:${i + 1}`, into);
  }
  return into;
}

function addDocument(doc: unknown, origin: string, into: ParsedInput): void {
  if (Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) addDocument(doc[i], `${origin}[${i}]`, into);
    return;
  }
  if (isObj(doc) && Array.isArray(doc.Records)) {
    const recs = doc.Records as unknown[];
    for (let i = 0; i < recs.length; i++) addRecord(recs[i], `${origin}#Records[${i}]`, {}, into);
    return;
  }
  if (isObj(doc) && 'detail-type' in doc) {
    const env: EnvelopeInfo = {
      ...(typeof doc.account === 'string' ? { account: doc.account } : {}),
      ...(typeof doc.region === 'string' ? { region: doc.region } : {}),
    };
    if (doc['detail-type'] !== 'AWS API Call via CloudTrail') {
      (into as { records: number }).records++;
      into.invalid.push(
        `${origin}: EventBridge event of detail-type ${JSON.stringify(doc['detail-type'])} (expected "AWS API Call via CloudTrail")`,
      );
      return;
    }
    addRecord(doc.detail, origin, env, into);
    return;
  }
  addRecord(doc, origin, {}, into);
}

function addRecord(rec: unknown, origin: string, env: EnvelopeInfo, into: ParsedInput): void {
  (into as { records: number }).records++;
  const r = normalizeRecord(rec, origin, env);
  if ('event' in r) into.events.push(r.event);
  else if (r.skipped === 'error') {
    (into as { failedCalls: number }).failedCalls++;
    into.failedByCode[r.errorCode] = (into.failedByCode[r.errorCode] ?? 0) + 1;
  } else into.invalid.push(r.reason);
}
