// The remediator's audit trail: every detection, decision, API call, verification and escalation,
// one JSON object per line. Sinks must make an entry durable before `append` resolves (the file
// sink fsyncs), so an acknowledged event always has its trail.
export type AuditKind =
  | 'detection'
  | 'duplicate'
  | 'decision'
  | 'api-call'
  | 'verification'
  | 'escalation'
  | 'escalation-failed'
  | 'done';

export interface AuditEntry {
  readonly ts: string;
  readonly kind: AuditKind;
  readonly eventId?: string;
  readonly fingerprint?: string;
  readonly ruleId?: string;
  readonly resourceId?: string;
  readonly [key: string]: unknown;
}

export interface AuditSink {
  append(entry: AuditEntry): Promise<void>;
}

/** In memory (tests, dry runs). */
export class MemoryAuditSink implements AuditSink {
  readonly entries: AuditEntry[] = [];
  append(entry: AuditEntry): Promise<void> {
    this.entries.push(entry);
    return Promise.resolve();
  }
}

export interface AuditParseResult {
  readonly entries: AuditEntry[];
  readonly problems: string[];
}

/** Parses an audit log's text; a torn last line (crash mid-write) is reported, not fatal. */
export function parseAuditLog(text: string, source: string): AuditParseResult {
  const entries: AuditEntry[] = [];
  const problems: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    try {
      const v = JSON.parse(line) as unknown;
      if (
        typeof v !== 'object' ||
        v === null ||
        typeof (v as AuditEntry).kind !== 'string' ||
        typeof (v as AuditEntry).ts !== 'string'
      ) {
        problems.push(
          `${source}:${i + 1}: expected an audit entry {"ts", "kind", …}, got ${line.slice(0, 80)}`,
        );
        continue;
      }
      entries.push(v as AuditEntry);
    } catch {
      problems.push(`${source}:${i + 1}: not JSON: ${line.slice(0, 80)}`);
    }
  }
  return { entries, problems };
}

/** Event/fingerprint keys the log says were fully handled (kind "done"): replaying them is a no-op. */
export function doneKeys(entries: readonly AuditEntry[]): Set<string> {
  const out = new Set<string>();
  for (const e of entries) if (e.kind === 'done' && typeof e.key === 'string') out.add(e.key);
  return out;
}
