import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileAuditSink } from '../../src/cli/audit-file.js';
import { doneKeys, parseAuditLog } from '../../src/events/audit-log.js';
import { runCli } from '../support/run-cli.js';

describe('audit log', () => {
  it('appends one JSON line per entry, in order, readable back; done keys make replays no-ops', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'perimeter-audit-')), 'audit.jsonl');
    const sink = new FileAuditSink(file);
    await Promise.all([
      sink.append({ ts: '2026-11-23T12:00:00.000Z', kind: 'detection', eventId: 'e1', resourceId: 'pcx-1' }),
      sink.append({
        ts: '2026-11-23T12:00:01.000Z',
        kind: 'api-call',
        eventId: 'e1',
        step: 'DeleteVpcPeeringConnection pcx-1',
        ok: true,
      }),
      sink.append({
        ts: '2026-11-23T12:00:02.000Z',
        kind: 'done',
        eventId: 'e1',
        key: 'e1|abc',
        status: 'remediated',
      }),
    ]);
    await sink.close();
    const { entries, problems } = parseAuditLog(readFileSync(file, 'utf8'), file);
    expect([entries.map((e) => e.kind), problems, [...doneKeys(entries)]]).toEqual([
      ['detection', 'api-call', 'done'],
      [],
      ['e1|abc'],
    ]);
  });

  it('a torn last line is reported with its line number, the rest still read', () => {
    const r = parseAuditLog('{"ts":"t","kind":"detection"}\n{"ts":"t","ki', 'a.jsonl');
    expect([r.entries.length, r.problems]).toEqual([1, ['a.jsonl:2: not JSON: {"ts":"t","ki']]);
  });

  it('perimeter events audit FILE prints the trail', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'perimeter-audit-')), 'audit.jsonl');
    writeFileSync(
      file,
      '{"ts":"2026-11-23T12:00:00.000Z","kind":"done","eventId":"e1","resourceId":"pcx-1","status":"remediated"}\n',
    );
    const r = await runCli(['events', 'audit', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2026-11-23T12:00:00.000Z done              e1 pcx-1 {"status":"remediated"}\n');
  });
});

describe('perimeter events replay (CLI)', () => {
  it('--format json on the invictus directory: summary and the SSH rule with its revoke plan', async () => {
    const r = await runCli([
      'events',
      'replay',
      '../shared/fixtures/cloudtrail-invictus/CloudTrail',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      summary: { records: number; failedCalls: number; detections: number };
      detections: { eventId: string; remediation: { steps: string[]; status: string } }[];
    };
    expect([j.summary.records, j.summary.failedCalls, j.summary.detections]).toEqual([2900, 300, 1]);
    expect(j.detections.map((d) => [d.eventId, d.remediation.status, d.remediation.steps])).toEqual([
      [
        '74bd84b4-6729-4895-b2a4-e2beb7c6b377',
        'planned',
        ['RevokeSecurityGroupIngress sg-04cfb7a4712d75b00 SecurityGroupRuleIds=sgr-0a11552a7d225f5c7'],
      ],
    ]);
  });

  it('a missing file is a usage error (exit 2) naming it', async () => {
    const r = await runCli(['events', 'replay', 'no-such-file.json']);
    expect([r.code, r.stderr]).toEqual([
      2,
      'perimeter: no-such-file.json: event file not found (expected a CloudTrail file, an EventBridge event or JSON lines)\n',
    ]);
  });
});

describe('perimeter events replay --snapshot (synthetic peering events against the demo estate)', () => {
  it('org membership from the snapshot; routes from the snapshot in the quarantine plan; duplicates and failed calls counted', async () => {
    // test/scenarios/events/peering-vendor.jsonl: SYNTHETIC EventBridge envelopes (AWS doc shapes).
    const r = await runCli([
      'events',
      'replay',
      'test/scenarios/events/peering-vendor.jsonl',
      '--snapshot',
      'examples/demo',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      summary: { records: number; events: number; duplicates: number; failedCalls: number };
      detections: {
        eventId: string;
        finding: { severity: string; resource: { id: string } };
        remediation: { steps: string[] };
      }[];
    };
    expect([j.summary.records, j.summary.events, j.summary.duplicates, j.summary.failedCalls]).toEqual([
      5, 3, 1, 1,
    ]);
    expect(
      j.detections.map((d) => [d.eventId, d.finding.severity, d.finding.resource.id, d.remediation.steps]),
    ).toEqual([
      [
        '11111111-0000-4000-8000-000000000001',
        'high',
        'pcx-0aaaaaaaaaaaaaaa1',
        ['DeleteVpcPeeringConnection pcx-0aaaaaaaaaaaaaaa1'],
      ],
      [
        '11111111-0000-4000-8000-000000000003',
        'critical',
        'pcx-0d87aacce656b392e',
        [
          'DeleteRoute rtb-0071f0495137cb528 172.20.0.0/16',
          'DeleteVpcPeeringConnection pcx-0d87aacce656b392e',
        ],
      ],
    ]);
  });
});

describe('perimeter events replay: input that is not CloudTrail', () => {
  it('exit 2 naming the file and line; --skip-invalid replays the rest and lists it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'perimeter-events-')), 'notes.jsonl');
    writeFileSync(file, 'hello\n');
    const r = await runCli(['events', 'replay', file]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain(
      `perimeter: 1 input is not CloudTrail records (use --skip-invalid to replay the rest):\n  ${file}:1: not JSON`,
    );
    const skip = await runCli(['events', 'replay', file, '--skip-invalid', '--format', 'json']);
    expect(skip.code).toBe(0);
    expect((JSON.parse(skip.stdout) as { summary: { invalid: string[] } }).summary.invalid).toHaveLength(1);
  });
});

describe('perimeter events: usage errors', () => {
  it('`events` alone and `events audit DIR` exit 2 naming the problem', async () => {
    const bare = await runCli(['events']);
    expect([bare.code, bare.stderr]).toEqual([
      2,
      'perimeter: events needs a subcommand: replay FILE... or audit [FILE] (see perimeter events --help)\n',
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'perimeter-dir-'));
    const r = await runCli(['events', 'audit', dir]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `perimeter: ${dir}: audit log not found or not a file (expected a JSON-lines file written with --audit)\n`,
    ]);
  });
});
