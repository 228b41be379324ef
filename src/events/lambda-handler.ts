// The deployed detector/remediator (infra/lib/perimeter-detector-stack.ts): EventBridge delivers
// "AWS API Call via CloudTrail" events for the EC2 calls the detectors read, and a schedule
// triggers the live reconcile (the backstop for lost events). Logs the audit trail and CloudWatch
// embedded-format metrics (EventsProcessed, Detections, Escalations, ReconcileRuns) to stdout:
// the stack alarms on escalations and on the detector going quiet. Idempotency is durable in the
// DynamoDB table PERIMETER_IDEMPOTENCY_TABLE names (protocol in idempotency.ts); without it, one
// container's memory (a warning line says so). A store that stays unavailable fails the invocation.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
import type { EventBridgeEvent } from 'aws-lambda';
import { validateIntent, type Intent } from '../config/intent.js';
import { buildEstate } from '../estate/build.js';
import type { Estate } from '../estate/model.js';
import type { AuditEntry, AuditSink } from './audit-log.js';
import type { PortFactory } from './aws-port.js';
import { dynamoDbIdempotencyStore } from './aws-idempotency-dynamodb.js';
import { callerAccountId, sdkPortFactory } from './aws-sdk-port.js';
import { detectEvent } from './detect.js';
import { normalizeRecord } from './normalize.js';
import { intentForPartialState, liveEstate, runReconcile } from './reconcile-run.js';
import {
  MemoryIdempotencyStore,
  Remediator,
  type IdempotencyStore,
  type Mode,
  type Outcome,
} from './remediator.js';

export interface HandlerConfig {
  readonly mode: Mode;
  readonly intent: Intent;
  /** The organization document ({"Organization", "Roots", "OrganizationalUnits", "Accounts"}), when given. */
  readonly organization?: unknown;
  readonly topicArn?: string;
  readonly roleName?: string;
  /** ExternalId for assuming `roleName` (when the member role's trust requires one). */
  readonly externalId?: string;
  /** DynamoDB table for durable idempotency; without it, per-container memory. */
  readonly idempotencyTable?: string;
}

export class ConfigError extends Error {}

/**
 * Reads PERIMETER_MODE, PERIMETER_INTENT (JSON), PERIMETER_ORGANIZATION (JSON), PERIMETER_TOPIC_ARN,
 * PERIMETER_ROLE_NAME, PERIMETER_EXTERNAL_ID, PERIMETER_IDEMPOTENCY_TABLE.
 */
export function configFromEnv(env: Readonly<Record<string, string | undefined>>): HandlerConfig {
  const mode = env.PERIMETER_MODE ?? 'dry-run';
  if (mode !== 'dry-run' && mode !== 'enforce') {
    throw new ConfigError(
      `PERIMETER_MODE=${JSON.stringify(mode)} is not a mode (expected dry-run or enforce)`,
    );
  }
  const json = (name: string): unknown => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    try {
      return JSON.parse(v) as unknown;
    } catch (err) {
      throw new ConfigError(`${name} is not JSON (${err instanceof Error ? err.message : String(err)})`);
    }
  };
  const r = validateIntent(json('PERIMETER_INTENT') ?? {});
  if ('issues' in r) {
    throw new ConfigError(
      `PERIMETER_INTENT is not a valid intent: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  }
  const organization = json('PERIMETER_ORGANIZATION');
  return {
    mode,
    intent: r.intent,
    ...(organization !== undefined ? { organization } : {}),
    ...(env.PERIMETER_TOPIC_ARN ? { topicArn: env.PERIMETER_TOPIC_ARN } : {}),
    ...(env.PERIMETER_ROLE_NAME ? { roleName: env.PERIMETER_ROLE_NAME } : {}),
    ...(env.PERIMETER_EXTERNAL_ID ? { externalId: env.PERIMETER_EXTERNAL_ID } : {}),
    ...(env.PERIMETER_IDEMPOTENCY_TABLE ? { idempotencyTable: env.PERIMETER_IDEMPOTENCY_TABLE } : {}),
  };
}

export const MEMORY_IDEMPOTENCY_WARNING =
  'PERIMETER_IDEMPOTENCY_TABLE is not set: idempotency lives in this container only, re-deliveries to other containers are not deduplicated';

/** The DynamoDB store when the config names a table; else memory, with a one-line warning. */
export function idempotencyStoreFor(
  config: HandlerConfig,
  region: string,
  emit: (line: string) => void,
): IdempotencyStore {
  if (config.idempotencyTable !== undefined) return dynamoDbIdempotencyStore(config.idempotencyTable, region);
  emit(JSON.stringify({ warning: MEMORY_IDEMPOTENCY_WARNING }));
  return new MemoryIdempotencyStore();
}

export interface HandlerDeps {
  readonly config: HandlerConfig;
  readonly ports: PortFactory;
  /** The account and region the function runs in (schedule: reconcile here). */
  readonly homeAccountId: () => Promise<string>;
  readonly region: string;
  readonly clock: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  /** One line of output (stdout → CloudWatch Logs). */
  readonly emit: (line: string) => void;
  /** Default: idempotencyStoreFor(config, region, emit). */
  readonly idempotency?: IdempotencyStore;
}

export interface HandlerResult {
  readonly kind: 'event' | 'schedule' | 'ignored';
  readonly detections: number;
  readonly outcomes: readonly { key: string; status: string; reason: string }[];
}

class LogAuditSink implements AuditSink {
  constructor(private readonly emit: (line: string) => void) {}
  append(entry: AuditEntry): Promise<void> {
    this.emit(JSON.stringify({ audit: entry }));
    return Promise.resolve();
  }
}

function metricLine(now: Date, values: Record<string, number>): string {
  return JSON.stringify({
    _aws: {
      Timestamp: now.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: 'Perimeter',
          Dimensions: [[]],
          Metrics: Object.keys(values).map((Name) => ({ Name, Unit: 'Count' })),
        },
      ],
    },
    ...values,
  });
}

export function createHandler(
  deps: HandlerDeps,
): (event: EventBridgeEvent<string, unknown>) => Promise<HandlerResult> {
  const idempotency = deps.idempotency ?? idempotencyStoreFor(deps.config, deps.region, deps.emit);
  // The function sees one account's state: without the organization document, peers are unknown.
  const intent = intentForPartialState(deps.config.intent, deps.config.organization !== undefined);
  const orgEstate: Estate = buildEstate(
    deps.config.organization !== undefined
      ? [{ file: 'env/PERIMETER_ORGANIZATION', region: 'global', data: deps.config.organization }]
      : [],
  );
  const audit = new LogAuditSink(deps.emit);
  const remediatorFor = (estate: Estate) =>
    new Remediator({
      ports: deps.ports,
      audit,
      idempotency,
      mode: deps.config.mode,
      estate,
      intent,
      clock: deps.clock,
      sleep: deps.sleep,
    });
  const finish = (
    kind: HandlerResult['kind'],
    outcomes: readonly Outcome[],
    extra: Record<string, number>,
  ): HandlerResult => {
    const escalations = outcomes.filter((o) => o.status === 'escalated').length;
    deps.emit(metricLine(deps.clock(), { ...extra, Detections: outcomes.length, Escalations: escalations }));
    const failed = outcomes.filter((o) => o.escalationError !== undefined);
    if (failed.length > 0) {
      // Escalation itself failed: fail the invocation so Lambda retries, then the DLQ and the
      // Errors alarm take over. Nothing may fail silently.
      throw new Error(
        `escalation failed for ${failed.map((o) => `${o.key}: ${o.escalationError}`).join('; ')}`,
      );
    }
    return {
      kind,
      detections: outcomes.length,
      outcomes: outcomes.map((o) => ({ key: o.key, status: o.status, reason: o.reason })),
    };
  };
  return async (event) => {
    if (event['detail-type'] === 'Scheduled Event') {
      const account = await deps.homeAccountId();
      const port = deps.ports(account, deps.region);
      const orgDocs =
        deps.config.organization !== undefined
          ? [{ file: 'env/PERIMETER_ORGANIZATION', data: deps.config.organization }]
          : [];
      const estate = await liveEstate(port, account, deps.region, orgDocs);
      // Keyed on the schedule tick (the event's `time`, the same on every delivery of this event):
      // EventBridge re-deliveries and overlapping containers then share idempotency keys.
      const tick = typeof event.time === 'string' && event.time !== '' ? event.time : event.id;
      const run = await runReconcile(
        estate,
        intent,
        deps.clock(),
        remediatorFor(estate),
        tick ? `reconcile-${tick}` : undefined,
      );
      return finish('schedule', run.outcomes, { ReconcileRuns: 1 });
    }
    if (event['detail-type'] !== 'AWS API Call via CloudTrail') {
      deps.emit(JSON.stringify({ ignored: event['detail-type'], id: event.id }));
      return { kind: 'ignored', detections: 0, outcomes: [] };
    }
    const n = normalizeRecord(event.detail, `eventbridge:${event.id}`, {
      account: event.account,
      region: event.region,
    });
    if (!('event' in n)) {
      deps.emit(
        JSON.stringify({
          skipped: n.skipped,
          ...(n.skipped === 'error' ? { errorCode: n.errorCode } : { reason: n.reason }),
          id: event.id,
        }),
      );
      return finish('event', [], { EventsProcessed: 1 });
    }
    const detections = detectEvent(n.event, { estate: orgEstate, intent });
    const remediator = remediatorFor(orgEstate);
    const outcomes: Outcome[] = [];
    for (const d of detections) outcomes.push(await remediator.handle(d));
    return finish('event', outcomes, { EventsProcessed: 1 });
  };
}

let cached: ((event: EventBridgeEvent<string, unknown>) => Promise<HandlerResult>) | undefined;

/** The Lambda entry point (configuration from the environment, AWS through the SDK). */
export async function handler(event: EventBridgeEvent<string, unknown>): Promise<HandlerResult> {
  if (!cached) {
    const config = configFromEnv(process.env);
    const region = process.env.AWS_REGION ?? 'us-east-1';
    let home: string | undefined;
    const homeAccountId = async () => (home ??= await callerAccountId(region));
    cached = createHandler({
      config,
      region,
      homeAccountId,
      ports: sdkPortFactory({
        ...(config.topicArn ? { topicArn: config.topicArn, topicRegion: region } : {}),
        ...(config.roleName ? { roleName: config.roleName } : {}),
        ...(config.externalId ? { externalId: config.externalId } : {}),
        ...(process.env.PERIMETER_HOME_ACCOUNT ? { homeAccountId: process.env.PERIMETER_HOME_ACCOUNT } : {}),
      }),
      clock: () => new Date(),
      sleep: (ms) => new Promise((res) => setTimeout(res, ms)),
      emit: (line) => process.stdout.write(line + '\n'),
    });
  }
  return cached(event);
}
