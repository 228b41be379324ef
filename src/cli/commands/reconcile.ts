// perimeter reconcile [SNAPSHOT | --live] [--execute] [--format text|json] [--config FILE] [--now ISO]
// The scheduled backstop: the problems event detection looks for, found from state, each with the
// remediation it would get (dry run unless --execute) and how long it has existed when known.
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { FileAuditSink } from '../audit-file.js';
import { doneKeys, MemoryAuditSink, parseAuditLog, type AuditSink } from '../../events/audit-log.js';
import { callerAccountId, sdkPortFactory } from '../../events/aws-sdk-port.js';
import {
  intentForPartialState,
  liveEstate,
  runReconcile,
  type ReconcileRun,
} from '../../events/reconcile-run.js';
import { MemoryIdempotencyStore, Remediator } from '../../events/remediator.js';
import { UsageError } from '../errors.js';
import { remediationJson, remediationLine } from '../remediation-output.js';
import { loadIntent, readIntentFile } from '../intent-file.js';
import { loadEstateForCli } from '../load-estate.js';
import { parseFormat, writeOut } from '../options.js';
import { resolveSnapshotArg } from '../paths.js';

const formats = ['text', 'json'] as const;

function humanAge(s: number): string {
  if (s >= 86400) return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 60)}m`;
}

export function reconcileJson(r: ReconcileRun): string {
  const byRule: Record<string, number> = {};
  for (const p of r.problems)
    byRule[p.detection.finding.ruleId] = (byRule[p.detection.finding.ruleId] ?? 0) + 1;
  const sortedByRule = Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => a.localeCompare(b)));
  return (
    JSON.stringify(
      {
        summary: { problems: r.problems.length, byRule: sortedByRule },
        problems: r.problems.map((p, i) => {
          const o = r.outcomes[i]!;
          return {
            finding: p.detection.finding,
            ...(p.since
              ? { since: p.since, ageSeconds: p.ageSeconds, ageBasis: p.ageBasis }
              : { since: null }),
            remediation: remediationJson(o),
          };
        }),
      },
      null,
      2,
    ) + '\n'
  );
}

export function reconcileText(r: ReconcileRun): string {
  const lines = [`${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} found from state`];
  r.problems.forEach((p, i) => {
    const o = r.outcomes[i]!;
    const f = p.detection.finding;
    lines.push('');
    lines.push(
      `${f.severity.toUpperCase()} ${f.ruleId} ${f.resource.id} (${f.resource.accountId} ${f.resource.region})`,
    );
    lines.push(`  ${f.message}`);
    lines.push(
      `  existing for: ${p.ageSeconds !== undefined ? `${humanAge(p.ageSeconds)} (since ${p.since}, ${p.ageBasis})` : 'unknown (no timestamp in the data)'}`,
    );
    lines.push(remediationLine(o));
    if (o.status !== 'planned') lines.push(`  ${o.reason}`);
  });
  return lines.join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('reconcile')
    .description(
      'find from state (snapshot or --live) what event detection looks for, with the remediation each would get',
    )
    .argument('[snapshot]', 'snapshot directory (default: the bundled demo estate)')
    .option('--live', 'describe the live account/region through the AWS SDK instead of reading a snapshot')
    .option('--region <region>', 'region for --live (default: AWS_REGION)')
    .option(
      '--organization <file>',
      'for --live: the organization document (organization/*.json of a snapshot) that says which accounts are ours',
    )
    .option('--execute', 'act (enforce mode); default is a dry run')
    .option('--format <format>', `output format: ${formats.join(', ')}`, 'text')
    .option('--config <file>', 'intent file (default: perimeter.yaml next to the snapshot)')
    .option(
      '--audit <file>',
      'append the audit trail (JSON lines, fsynced); with --execute default perimeter-audit.jsonl',
    )
    .option('--topic-arn <arn>', 'SNS topic for escalations (with --execute)')
    .option('--role-name <name>', 'role to assume in other accounts of the organization (with --execute)')
    .option('--now <iso>', 'the time ages are measured against (default: now)')
    .action(
      async (
        snapshot: string | undefined,
        opts: {
          live?: boolean;
          organization?: string;
          region?: string;
          execute?: boolean;
          format: string;
          config?: string;
          audit?: string;
          topicArn?: string;
          roleName?: string;
          now?: string;
        },
      ) => {
        const format = parseFormat(opts.format, formats);
        if (opts.live && snapshot !== undefined)
          throw new UsageError(`give either a snapshot (${snapshot}) or --live, not both`);
        const now = opts.now !== undefined ? new Date(opts.now) : new Date();
        if (Number.isNaN(now.getTime()))
          throw new UsageError(
            `--now ${JSON.stringify(opts.now)} is not a date (expected ISO 8601, e.g. 2026-11-23T12:00:00Z)`,
          );
        const execute = opts.execute === true;
        const region = opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
        if (opts.live && !region) throw new UsageError('--live needs a region (--region or AWS_REGION)');
        // Only --live and --execute talk to AWS; other accounts are reached through --role-name.
        const home = opts.live || execute ? await callerAccountId(region ?? 'us-east-1') : undefined;
        const ports = sdkPortFactory({
          ...(home ? { homeAccountId: home } : {}),
          ...(opts.topicArn ? { topicArn: opts.topicArn } : {}),
          ...(opts.roleName ? { roleName: opts.roleName } : {}),
        });
        let estate;
        let intent;
        if (opts.live) {
          if (!region || !home) throw new UsageError('--live needs a region (--region or AWS_REGION)'); // unreachable: checked above
          const orgDocs: { file: string; data: unknown }[] = [];
          if (opts.organization !== undefined) {
            if (!existsSync(opts.organization))
              throw new UsageError(`${opts.organization}: organization file not found`);
            try {
              orgDocs.push({
                file: opts.organization,
                data: JSON.parse(readFileSync(opts.organization, 'utf8')) as unknown,
              });
            } catch (err) {
              throw new UsageError(
                `${opts.organization}: not JSON (${err instanceof Error ? err.message : String(err)}); expected {"Organization", "Accounts", …}`,
              );
            }
          } else {
            process.stderr.write(
              'perimeter: warning: --live without --organization: peer accounts are "unknown" (escalated, never remediated)\n',
            );
          }
          // One live account is not the organization: never infer "outside" from absence.
          intent = intentForPartialState(
            opts.config ? readIntentFile(opts.config) : loadIntent(process.cwd(), undefined).intent,
            orgDocs.length > 0,
          );
          estate = await liveEstate(ports(home, region), home, region, orgDocs);
        } else {
          const root = resolveSnapshotArg(snapshot);
          intent = loadIntent(root, opts.config).intent;
          estate = await loadEstateForCli(root);
        }
        const auditFile = opts.audit ?? (execute ? 'perimeter-audit.jsonl' : undefined);
        const done =
          auditFile && existsSync(auditFile)
            ? doneKeys(parseAuditLog(readFileSync(auditFile, 'utf8'), auditFile).entries)
            : new Set<string>();
        const sink: AuditSink & { close?: () => Promise<void> } = auditFile
          ? new FileAuditSink(auditFile)
          : new MemoryAuditSink();
        const remediator = new Remediator({
          ports,
          audit: sink,
          idempotency: new MemoryIdempotencyStore(done),
          mode: execute ? 'enforce' : 'dry-run',
          estate,
          intent,
          clock: () => new Date(),
          sleep: (ms) => new Promise((res) => setTimeout(res, ms)),
        });
        const result = await runReconcile(estate, intent, now, remediator);
        await sink.close?.();
        writeOut(format === 'json' ? reconcileJson(result) : reconcileText(result));
      },
    );
}
