// perimeter events replay FILE... [--execute] [--format json|text] [--config FILE] [--snapshot DIR] [--audit FILE]
// perimeter events audit [FILE]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { emptyIntent, type Intent } from '../../config/intent.js';
import { buildEstate } from '../../estate/build.js';
import type { Estate } from '../../estate/model.js';
import { FileAuditSink } from '../audit-file.js';
import {
  doneKeys,
  MemoryAuditSink,
  parseAuditLog,
  type AuditEntry,
  type AuditSink,
} from '../../events/audit-log.js';
import { callerAccountId, sdkPortFactory } from '../../events/aws-sdk-port.js';
import { emptyParsed, parseEventInput } from '../../events/parse-input.js';
import { intentForPartialState } from '../../events/reconcile-run.js';
import { MemoryIdempotencyStore, Remediator } from '../../events/remediator.js';
import { replay, type ReplayResult } from '../../events/replay.js';
import { UsageError } from '../errors.js';
import { remediationJson, remediationLine } from '../remediation-output.js';
import { readIntentFile } from '../intent-file.js';
import { loadEstateForCli } from '../load-estate.js';
import { parseFormat, writeOut } from '../options.js';

const formats = ['text', 'json'] as const;
const inputSuffixes = ['.json', '.json.gz', '.jsonl', '.ndjson', '.gz'];

/** Files given, directories walked (sorted) for trail files and JSON lines. */
export function expandInputs(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    if (!existsSync(p))
      throw new UsageError(
        `${p}: event file not found (expected a CloudTrail file, an EventBridge event or JSON lines)`,
      );
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        const child = join(p, name);
        if (statSync(child).isDirectory()) walk(child);
        else if (inputSuffixes.some((s) => name.endsWith(s))) out.push(child);
      }
    } else out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}

async function estateFor(snapshot: string | undefined): Promise<Estate> {
  return snapshot === undefined ? buildEstate([]) : loadEstateForCli(snapshot);
}

function intentFor(config: string | undefined): Intent {
  return config === undefined ? emptyIntent() : readIntentFile(config);
}

export function replayJson(r: ReplayResult): string {
  const items = r.detections.map((d, i) => {
    const o = r.outcomes[i]!;
    return {
      eventId: d.eventId,
      eventName: d.eventName,
      eventTime: d.eventTime,
      detector: d.detectorId,
      finding: d.finding,
      remediation: remediationJson(o),
    };
  });
  return JSON.stringify({ summary: r.summary, detections: items }, null, 2) + '\n';
}

export function replayText(r: ReplayResult): string {
  const s = r.summary;
  const lines = [
    `${s.records} records, ${s.events} events, ${s.duplicates} duplicate eventIDs, ${s.failedCalls} failed calls ignored, ${s.invalid.length} invalid`,
    `${s.detections} detections${
      s.detections
        ? ': ' +
          Object.entries(s.byRule)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')
        : ''
    }`,
  ];
  r.detections.forEach((d, i) => {
    const o = r.outcomes[i]!;
    lines.push('');
    lines.push(
      `${d.finding.severity.toUpperCase()} ${d.finding.ruleId} ${d.finding.resource.id} (${d.eventName} ${d.eventId} at ${d.eventTime})`,
    );
    lines.push(`  ${d.finding.message}`);
    lines.push(remediationLine(o));
    if (o.status !== 'planned') lines.push(`  ${o.reason}`);
  });
  for (const p of s.invalid) lines.push(`invalid: ${p}`);
  return lines.join('\n') + '\n';
}

export function auditText(entries: readonly AuditEntry[]): string {
  return (
    entries
      .map((e) => {
        const { ts, kind, eventId, resourceId, ...rest } = e;
        delete (rest as Record<string, unknown>).fingerprint;
        return `${ts} ${kind.padEnd(17)} ${eventId ?? '-'} ${resourceId ?? '-'} ${JSON.stringify(rest)}`;
      })
      .join('\n') + (entries.length ? '\n' : '')
  );
}

export function register(program: Command): void {
  const events = program
    .command('events')
    .description('event-driven detection and remediation (CloudTrail / EventBridge)');
  // `perimeter events` alone is a usage error (exit 2), not help with exit 0.
  events.allowExcessArguments(true).action((...args: unknown[]) => {
    const extra = (args[args.length - 1] as Command).args;
    if (extra.length > 0) {
      throw new UsageError(
        `unknown events subcommand ${JSON.stringify(extra[0])} (expected replay or audit)`,
      );
    }
    throw new UsageError(
      'events needs a subcommand: replay FILE... or audit [FILE] (see perimeter events --help)',
    );
  });
  events
    .command('replay')
    .description(
      'run the detectors over CloudTrail files, EventBridge events or JSON lines; plan (or with --execute, perform) each remediation',
    )
    .argument(
      '<files...>',
      'trail files ({"Records": [...]}, .gz too), EventBridge events, JSON lines, or directories of them',
    )
    .option(
      '--execute',
      'act (enforce mode): call AWS to remediate, verify and escalate; default is a dry run',
    )
    .option('--format <format>', `output format: ${formats.join(', ')}`, 'text')
    .option(
      '--config <file>',
      'intent file (perimeter.yaml): organizationId, trustedAccounts, noInternetIngress, ports',
    )
    .option('--snapshot <dir>', 'snapshot with organization data and state (routes, gateways) for planning')
    .option(
      '--audit <file>',
      'append the audit trail (JSON lines, fsynced) to this file; with --execute default perimeter-audit.jsonl',
    )
    .option('--topic-arn <arn>', 'SNS topic for escalations (with --execute)')
    .option('--role-name <name>', 'role to assume in other accounts of the organization (with --execute)')
    .option(
      '--skip-invalid',
      'replay the valid records and list the invalid ones in the summary instead of failing (exit 2)',
    )
    .action(
      async (
        files: string[],
        opts: {
          execute?: boolean;
          format: string;
          config?: string;
          snapshot?: string;
          audit?: string;
          topicArn?: string;
          roleName?: string;
          skipInvalid?: boolean;
        },
      ) => {
        const format = parseFormat(opts.format, formats);
        // Without a snapshot nothing says which accounts are ours: peers are unknown, not "outside".
        const intent = intentForPartialState(intentFor(opts.config), opts.snapshot !== undefined);
        const estate = await estateFor(opts.snapshot);
        const parsed = emptyParsed();
        for (const f of expandInputs(files)) {
          try {
            parseEventInput(readFileSync(f), f, parsed);
          } catch (err) {
            throw new UsageError(
              `${f}: cannot read events: ${err instanceof Error ? err.message : String(err)}`,
            );
          }
        }
        // Input that is not CloudTrail is an input error (exit 2) listing every problem, unless the
        // caller chooses to skip it (e.g. a torn last line of a JSON-lines stream).
        if (parsed.invalid.length > 0 && opts.skipInvalid !== true) {
          throw new UsageError(
            `${parsed.invalid.length} input${parsed.invalid.length === 1 ? ' is' : 's are'} not CloudTrail records (use --skip-invalid to replay the rest):\n` +
              parsed.invalid.map((p) => `  ${p}`).join('\n'),
          );
        }
        const execute = opts.execute === true;
        const auditFile = opts.audit ?? (execute ? 'perimeter-audit.jsonl' : undefined);
        let done: Set<string> = new Set();
        if (auditFile && existsSync(auditFile))
          done = doneKeys(parseAuditLog(readFileSync(auditFile, 'utf8'), auditFile).entries);
        const sink: AuditSink & { close?: () => Promise<void> } = auditFile
          ? new FileAuditSink(auditFile)
          : new MemoryAuditSink();
        const remediator = new Remediator({
          ports: execute
            ? sdkPortFactory({
                // Events from other accounts are acted on through --role-name there, never with our own credentials.
                homeAccountId: await callerAccountId(process.env.AWS_REGION ?? 'us-east-1'),
                ...(opts.topicArn ? { topicArn: opts.topicArn } : {}),
                ...(opts.roleName ? { roleName: opts.roleName } : {}),
              })
            : () => {
                throw new Error('dry run: no AWS port');
              },
          audit: sink,
          idempotency: new MemoryIdempotencyStore(done),
          mode: execute ? 'enforce' : 'dry-run',
          estate,
          intent,
          clock: () => new Date(),
          sleep: (ms) => new Promise((res) => setTimeout(res, ms)),
        });
        const result = await replay(parsed, { estate, intent }, remediator);
        await sink.close?.();
        writeOut(format === 'json' ? replayJson(result) : replayText(result));
      },
    );
  events
    .command('audit')
    .description('print an audit log written by events replay --execute or reconcile --execute')
    .argument('[file]', 'audit log (JSON lines)', 'perimeter-audit.jsonl')
    .option('--format <format>', `output format: ${formats.join(', ')}`, 'text')
    .action((file: string, opts: { format: string }) => {
      const format = parseFormat(opts.format, formats);
      if (!existsSync(file) || !statSync(file).isFile()) {
        throw new UsageError(
          `${file}: audit log not found or not a file (expected a JSON-lines file written with --audit)`,
        );
      }
      const { entries, problems } = parseAuditLog(readFileSync(file, 'utf8'), file);
      for (const p of problems) process.stderr.write(`perimeter: warning: ${p}\n`);
      writeOut(format === 'json' ? JSON.stringify({ entries }, null, 2) + '\n' : auditText(entries));
    });
}
