import {
  DeleteVpcPeeringConnectionCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type VpcPeeringConnectionStateReasonCode,
} from '@aws-sdk/client-ec2';
import {
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { EventBridgeEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SdkAwsPort } from '../../src/events/aws-sdk-port.js';
import { DynamoDbIdempotencyStore } from '../../src/events/aws-idempotency-dynamodb.js';
import { MemoryIdempotencyStore } from '../../src/events/idempotency.js';
import {
  configFromEnv,
  createHandler,
  idempotencyStoreFor,
  MEMORY_IDEMPOTENCY_WARNING,
} from '../../src/events/lambda-handler.js';
import { fakeIdempotencyTable } from './support/dynamodb-table.js';
import { createPeering, envelope, PROD, VENDOR } from './support/events.js';
import { orgDocument } from './support/peering.js';

const ec2 = mockClient(EC2Client);
const sns = mockClient(SNSClient);
const ddb = mockClient(DynamoDBClient);
const TABLE = 'PerimeterDetector-IdempotencyTable';
const TOPIC = 'arn:aws:sns:us-east-1:333333333333:perimeter';

function pcx(status: string) {
  return {
    VpcPeeringConnections: [
      {
        VpcPeeringConnectionId: 'pcx-0aaa',
        Status: { Code: status as VpcPeeringConnectionStateReasonCode },
        RequesterVpcInfo: { OwnerId: PROD, VpcId: 'vpc-0prod0000000001', Region: 'us-east-1' },
        AccepterVpcInfo: { OwnerId: VENDOR, VpcId: 'vpc-0peer0000000001', Region: 'us-east-1' },
      },
    ],
  };
}

function make(
  mode: 'enforce' | 'dry-run' = 'enforce',
  env: Record<string, string> = {},
  clock: () => Date = () => new Date('2026-11-23T12:00:00Z'),
) {
  const lines: string[] = [];
  const sleeps: number[] = [];
  const port = new SdkAwsPort({
    ec2: new EC2Client({ region: 'us-east-1' }),
    sns: new SNSClient({ region: 'us-east-1' }),
    topicArn: TOPIC,
  });
  const config = configFromEnv({
    PERIMETER_MODE: mode,
    PERIMETER_ORGANIZATION: JSON.stringify(orgDocument()),
    PERIMETER_TOPIC_ARN: TOPIC,
    ...env,
  });
  const handler = createHandler({
    config,
    ports: () => port,
    homeAccountId: () => Promise.resolve(PROD),
    region: 'us-east-1',
    clock,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    emit: (l) => lines.push(l),
  });
  const metrics = () =>
    lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => '_aws' in l)
      .map(({ _aws, ...m }) => m);
  return { handler, lines, metrics, sleeps };
}

const createEvent = envelope(
  createPeering({ eventId: 'ev-l1', pcxId: 'pcx-0aaa', peerOwner: VENDOR }),
) as unknown as EventBridgeEvent<string, unknown>;

beforeEach(() => {
  ec2.reset();
  sns.reset();
  ddb.reset();
});

describe('Lambda handler', () => {
  it('EventBridge CreateVpcPeeringConnection to the vendor: deletes, verifies, emits metrics; the redelivery is a no-op', async () => {
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce(pcx('pending-acceptance'))
      .resolves(pcx('deleted'));
    ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
    const { handler, metrics } = make();
    const r1 = await handler(createEvent);
    const r2 = await handler(createEvent);
    expect([r1.outcomes.map((o) => o.status), r2.outcomes.map((o) => o.status)]).toEqual([
      ['remediated'],
      ['duplicate'],
    ]);
    expect(ec2.commandCalls(DeleteVpcPeeringConnectionCommand)).toHaveLength(1);
    expect(metrics()).toEqual([
      { EventsProcessed: 1, Detections: 1, Escalations: 0 },
      { EventsProcessed: 1, Detections: 1, Escalations: 0 },
    ]);
  });

  it('the schedule runs the live reconcile (backstop) and counts ReconcileRuns', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves(pcx('active'));
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
    ec2.on(DescribeInternetGatewaysCommand).resolves({ InternetGateways: [] });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
    const { handler, metrics } = make('dry-run');
    const r = await handler({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      id: 's1',
      account: PROD,
      region: 'us-east-1',
      time: '',
      version: '0',
      resources: [],
      detail: {},
    });
    expect([r.kind, r.outcomes.map((o) => o.status)]).toEqual(['schedule', ['planned']]);
    expect(metrics()).toEqual([{ ReconcileRuns: 1, Detections: 1, Escalations: 0 }]);
  });

  it('a schedule event delivered twice (or to two containers) reconciles once: keys follow the tick, not the clock', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
    ec2.on(DescribeInternetGatewaysCommand).resolves({ InternetGateways: [] });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
    // Live state per run: active (snapshot), active (the remediator's own look), deleted
    // (verification); the re-delivery reads a stale active snapshot; the next tick finds it
    // active once more (re-created) and removes it again.
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce(pcx('active'))
      .resolvesOnce(pcx('active'))
      .resolvesOnce(pcx('deleted'))
      .resolvesOnce(pcx('active'))
      .resolvesOnce(pcx('active'))
      .resolvesOnce(pcx('active'))
      .resolves(pcx('deleted'));
    ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
    let seconds = 0;
    const { handler } = make('enforce', {}, () => new Date(Date.UTC(2026, 10, 23, 12, 0, seconds++)));
    const tick = (time: string) =>
      handler({
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        id: `s-${time}`,
        account: PROD,
        region: 'us-east-1',
        time,
        version: '0',
        resources: [],
        detail: {},
      });
    const first = await tick('2026-11-23T12:00:00Z');
    const again = await tick('2026-11-23T12:00:00Z');
    const next = await tick('2026-11-23T12:15:00Z');
    expect([first, again, next].map((r) => r.outcomes.map((o) => [o.key.split('|')[0], o.status]))).toEqual([
      [['reconcile-2026-11-23T12:00:00Z', 'remediated']],
      [['reconcile-2026-11-23T12:00:00Z', 'duplicate']],
      [['reconcile-2026-11-23T12:15:00Z', 'remediated']],
    ]);
    expect(ec2.commandCalls(DeleteVpcPeeringConnectionCommand)).toHaveLength(2);
  });

  it('when escalation itself fails the invocation fails (Lambda retry → DLQ → Errors alarm)', async () => {
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves(pcx('pending-acceptance'));
    ec2
      .on(DeleteVpcPeeringConnectionCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'UnauthorizedOperation' }));
    sns.on(PublishCommand).rejects(Object.assign(new Error('throttled'), { name: 'Throttling' }));
    const { handler } = make();
    await expect(handler(createEvent)).rejects.toThrow(
      /^escalation failed for ev-l1\|[0-9a-f]{32}: Throttling: throttled$/,
    );
  });

  it('configuration errors name the variable, the value and what was expected', () => {
    expect(() => configFromEnv({ PERIMETER_MODE: 'yolo' })).toThrow(
      'PERIMETER_MODE="yolo" is not a mode (expected dry-run or enforce)',
    );
    expect(() => configFromEnv({ PERIMETER_INTENT: '{"organizationId": "nope"}' })).toThrow(
      'PERIMETER_INTENT is not a valid intent: $.organizationId: an organization id like o-abc123defg',
    );
  });
});

function ddbError(name: string, message: string): DynamoDBServiceException {
  return new DynamoDBServiceException({
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message,
  });
}

const auditKinds = (lines: readonly string[]) =>
  lines
    .map((l) => JSON.parse(l) as { audit?: { kind: string } })
    .flatMap((l) => (l.audit ? [l.audit.kind] : []));

describe('Lambda handler idempotency store', () => {
  it('without PERIMETER_IDEMPOTENCY_TABLE: the memory store and one warning line', () => {
    const lines: string[] = [];
    const store = idempotencyStoreFor(configFromEnv({}), 'us-east-1', (l) => lines.push(l));
    expect(store).toBeInstanceOf(MemoryIdempotencyStore);
    expect(lines).toEqual([
      '{"warning":"PERIMETER_IDEMPOTENCY_TABLE is not set: idempotency lives in this container only, re-deliveries to other containers are not deduplicated"}',
    ]);
    expect(JSON.parse(make().lines[0]!)).toEqual({ warning: MEMORY_IDEMPOTENCY_WARNING });
  });

  it('with PERIMETER_IDEMPOTENCY_TABLE: the DynamoDB store on that table, no warning', () => {
    const lines: string[] = [];
    const config = configFromEnv({ PERIMETER_IDEMPOTENCY_TABLE: TABLE });
    expect(config.idempotencyTable).toBe(TABLE);
    const store = idempotencyStoreFor(config, 'us-east-1', (l) => lines.push(l));
    expect(store).toBeInstanceOf(DynamoDbIdempotencyStore);
    expect((store as DynamoDbIdempotencyStore).tableName).toBe(TABLE);
    expect(lines).toEqual([]);
    expect(make('enforce', { PERIMETER_IDEMPOTENCY_TABLE: TABLE }).lines).toEqual([]);
  });

  it('a re-delivery to another container is a duplicate: the key is done in the table', async () => {
    const items = fakeIdempotencyTable(ddb, TABLE);
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce(pcx('pending-acceptance'))
      .resolves(pcx('deleted'));
    ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
    const env = { PERIMETER_IDEMPOTENCY_TABLE: TABLE };
    const first = make('enforce', env);
    const r1 = await first.handler(createEvent);
    const r2 = await make('enforce', env).handler(createEvent);
    expect(r1.outcomes.map((o) => o.status)).toEqual(['remediated']);
    expect(r2.outcomes.map((o) => [o.status, o.reason])).toEqual([
      ['duplicate', 'event ev-l1 was already handled'],
    ]);
    expect(ec2.commandCalls(DeleteVpcPeeringConnectionCommand)).toHaveLength(1);
    expect([...items.values()].map((i) => [i.status?.S, i.expiresAt?.N])).toEqual([
      ['remediated', String(1795435200 + 30 * 86400)],
    ]);
    // The audit entry "done" is emitted before the key is marked done.
    const done = first.lines.findIndex((l) => l.includes('"kind":"done"'));
    expect(done).toBeGreaterThan(-1);
    expect(ddb.commandCalls(UpdateItemCommand)).toHaveLength(1);
  });

  it('two containers handle the same event at once: one remediates, the other is a duplicate (in progress)', async () => {
    fakeIdempotencyTable(ddb, TABLE);
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce(pcx('pending-acceptance'))
      .resolves(pcx('deleted'));
    ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
    const env = { PERIMETER_IDEMPOTENCY_TABLE: TABLE };
    const [a, b] = await Promise.all([
      make('enforce', env).handler(createEvent),
      make('enforce', env).handler(createEvent),
    ]);
    expect(
      [...a.outcomes, ...b.outcomes]
        .map((o) => [o.status, o.reason])
        .sort((x, y) => x[0]!.localeCompare(y[0]!)),
    ).toEqual([
      [
        'duplicate',
        'event ev-l1 is being handled by another invocation (claimed at 2026-11-23T12:00:00.000Z)',
      ],
      ['remediated', 'pcx-0aaa verified deleted after delete-request'],
    ]);
    expect(ec2.commandCalls(DeleteVpcPeeringConnectionCommand)).toHaveLength(1);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('throttled claim: retried with the remediator backoff, then remediates', async () => {
    fakeIdempotencyTable(ddb, TABLE);
    ddb.on(PutItemCommand).rejectsOnce(ddbError('ProvisionedThroughputExceededException', 'rate exceeded'));
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce(pcx('pending-acceptance'))
      .resolves(pcx('deleted'));
    ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
    const { handler, sleeps } = make('enforce', { PERIMETER_IDEMPOTENCY_TABLE: TABLE });
    const r = await handler(createEvent);
    expect(r.outcomes.map((o) => o.status)).toEqual(['remediated']);
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(2);
    expect(sleeps[0]).toBe(1000);
  });

  it('a store that stays throttled fails the invocation without acting (EventBridge/Lambda retries it)', async () => {
    ddb.on(PutItemCommand).rejects(ddbError('ProvisionedThroughputExceededException', 'rate exceeded'));
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves(pcx('pending-acceptance'));
    const { handler, sleeps, lines } = make('enforce', { PERIMETER_IDEMPOTENCY_TABLE: TABLE });
    await expect(handler(createEvent)).rejects.toThrow(
      /^idempotency store claim of ev-l1\|[0-9a-f]{32} failed after 5 attempt\(s\): ProvisionedThroughputExceededException: rate exceeded \(not acting without it: the invocation fails so it is retried\)$/,
    );
    expect(sleeps).toEqual([1000, 2000, 4000, 8000]);
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(5);
    expect(ec2.calls()).toHaveLength(0);
    expect(sns.calls()).toHaveLength(0);
    expect(auditKinds(lines)).toEqual([]);
  });

  it('a store error that is not throttling fails at once; complete failing after acting fails the invocation too', async () => {
    fakeIdempotencyTable(ddb, TABLE);
    ddb.on(UpdateItemCommand).rejects(ddbError('AccessDeniedException', 'not authorized'));
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce(pcx('pending-acceptance'))
      .resolves(pcx('deleted'));
    ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
    const { handler, lines } = make('enforce', { PERIMETER_IDEMPOTENCY_TABLE: TABLE });
    await expect(handler(createEvent)).rejects.toThrow(
      /^idempotency store complete of ev-l1\|[0-9a-f]{32} failed after 1 attempt\(s\): AccessDeniedException: not authorized/,
    );
    // The audit trail is complete ("done" durable) before the mark failed.
    expect(auditKinds(lines).at(-1)).toBe('done');
  });

  it('escalation that fails releases the claim: the retry in another container runs again and re-escalates', async () => {
    const items = fakeIdempotencyTable(ddb, TABLE);
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves(pcx('pending-acceptance'));
    ec2
      .on(DeleteVpcPeeringConnectionCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'UnauthorizedOperation' }));
    sns
      .on(PublishCommand)
      .rejectsOnce(Object.assign(new Error('throttled'), { name: 'Throttling' }))
      .resolves({ MessageId: 'm-1' });
    const env = { PERIMETER_IDEMPOTENCY_TABLE: TABLE };
    await expect(make('enforce', env).handler(createEvent)).rejects.toThrow(/^escalation failed for ev-l1\|/);
    expect([...items.values()].map((i) => [i.status?.S, i.claimedAt?.N])).toEqual([['claimed', '0']]);
    const retry = await make('enforce', env).handler(createEvent);
    expect(retry.outcomes.map((o) => o.status)).toEqual(['escalated']);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
    expect([...items.values()].map((i) => i.status?.S)).toEqual(['escalated']);
  });

  it('dry run with the table: reads only (GetItem), marks nothing; a done key is a duplicate', async () => {
    const items = fakeIdempotencyTable(ddb, TABLE);
    const { handler } = make('dry-run', { PERIMETER_IDEMPOTENCY_TABLE: TABLE });
    expect((await handler(createEvent)).outcomes.map((o) => o.status)).toEqual(['planned']);
    expect([ddb.commandCalls(PutItemCommand).length, ddb.commandCalls(UpdateItemCommand).length]).toEqual([
      0, 0,
    ]);
    expect(ddb.commandCalls(GetItemCommand)).toHaveLength(1);
    expect(items.size).toBe(0);
    const key = (await handler(createEvent)).outcomes[0]!.key;
    items.set(key, { pk: { S: key }, status: { S: 'no-op' } });
    expect((await handler(createEvent)).outcomes.map((o) => [o.status, o.reason])).toEqual([
      ['duplicate', 'event ev-l1 was already handled'],
    ]);
  });
});
