// The DynamoDB idempotency store against aws-sdk-client-mock: the exact command inputs, the claim
// condition evaluated by a fake table (support/dynamodb-table.ts), conditional failures read from
// the error's Item (ALL_OLD) or a consistent GetItem, malformed items, and the memory store with
// the same protocol.
import {
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbIdempotencyStore } from '../../src/events/aws-idempotency-dynamodb.js';
import { MemoryIdempotencyStore } from '../../src/events/idempotency.js';
import { conditionalFailure, fakeIdempotencyTable } from './support/dynamodb-table.js';

const ddb = mockClient(DynamoDBClient);
const TABLE = 'perimeter-idempotency';
const KEY = 'ev-1|0123456789abcdef0123456789abcdef';
const NOW = new Date('2026-11-23T12:00:00Z'); // 1795435200 epoch seconds
const T = 1795435200;
const store = () => new DynamoDbIdempotencyStore(new DynamoDBClient({ region: 'us-east-1' }), TABLE);

beforeEach(() => {
  ddb.reset();
});

describe('DynamoDbIdempotencyStore', () => {
  it('claim: one conditional PutItem with the exact input (lease 900 s, claim TTL 1 day)', async () => {
    expect(T).toBe(NOW.getTime() / 1000);
    ddb.on(PutItemCommand).resolves({});
    expect(await store().claim(KEY, NOW)).toEqual({ claimed: true });
    expect(ddb.commandCalls(PutItemCommand).map((c) => c.args[0].input)).toEqual([
      {
        TableName: TABLE,
        Item: {
          pk: { S: KEY },
          status: { S: 'claimed' },
          claimedAt: { N: '1795435200' },
          expiresAt: { N: String(T + 86400) },
        },
        ConditionExpression: 'attribute_not_exists(pk) OR (#s = :claimed AND claimedAt < :stale)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':claimed': { S: 'claimed' }, ':stale': { N: String(T - 900) } },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    ]);
    expect(ddb.calls()).toHaveLength(1);
  });

  it('complete: UpdateItem sets the outcome status and a 30-day TTL', async () => {
    ddb.on(UpdateItemCommand).resolves({});
    await store().complete(KEY, 'remediated', NOW);
    expect(ddb.commandCalls(UpdateItemCommand).map((c) => c.args[0].input)).toEqual([
      {
        TableName: TABLE,
        Key: { pk: { S: KEY } },
        UpdateExpression: 'SET #s = :status, expiresAt = :expiresAt',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':status': { S: 'remediated' },
          ':expiresAt': { N: String(T + 30 * 86400) },
        },
      },
    ]);
  });

  it('release: UpdateItem claimedAt = 0 only while claimed; a done key (condition fails) is left alone', async () => {
    ddb.on(UpdateItemCommand).resolvesOnce({}).rejectsOnce(conditionalFailure());
    await store().release(KEY);
    await store().release(KEY);
    const input = {
      TableName: TABLE,
      Key: { pk: { S: KEY } },
      UpdateExpression: 'SET claimedAt = :released',
      ConditionExpression: '#s = :claimed',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':released': { N: '0' }, ':claimed': { S: 'claimed' } },
    };
    expect(ddb.commandCalls(UpdateItemCommand).map((c) => c.args[0].input)).toEqual([input, input]);
    ddb.on(UpdateItemCommand).rejects(
      new DynamoDBServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'no',
      }),
    );
    await expect(store().release(KEY)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('claim on a done key: not claimed, the status read from the failure Item (no second read)', async () => {
    ddb.on(PutItemCommand).rejects(
      conditionalFailure({
        pk: { S: KEY },
        status: { S: 'escalated' },
        claimedAt: { N: String(T - 60) },
        expiresAt: { N: String(T + 1000) },
      }),
    );
    expect(await store().claim(KEY, NOW)).toEqual({ claimed: false, state: 'done', status: 'escalated' });
    expect(ddb.commandCalls(GetItemCommand)).toHaveLength(0);
  });

  it('conditional failure without Item: a consistent GetItem says who holds the key (fresh claim → in-progress)', async () => {
    ddb.on(PutItemCommand).rejects(conditionalFailure());
    ddb.on(GetItemCommand).resolves({
      Item: { pk: { S: KEY }, status: { S: 'claimed' }, claimedAt: { N: String(T - 30) } },
    });
    expect(await store().claim(KEY, NOW)).toEqual({
      claimed: false,
      state: 'in-progress',
      claimedAt: new Date('2026-11-23T11:59:30Z'),
    });
    expect(ddb.commandCalls(GetItemCommand).map((c) => c.args[0].input)).toEqual([
      { TableName: TABLE, Key: { pk: { S: KEY } }, ConsistentRead: true },
    ]);
  });

  it('conditional failure and the item is gone (TTL raced): an error, not a guess', async () => {
    ddb.on(PutItemCommand).rejects(conditionalFailure());
    ddb.on(GetItemCommand).resolves({});
    await expect(store().claim(KEY, NOW)).rejects.toMatchObject({
      name: 'IdempotencyItemVanished',
      message: `${TABLE}: claim of ${KEY} failed its condition, yet the item is absent`,
    });
  });

  it('fake table: fresh claim by another container → in-progress; after the 900 s lease → claimable; done stays done', async () => {
    const items = fakeIdempotencyTable(ddb, TABLE);
    const a = store();
    const b = store();
    expect(await a.claim(KEY, NOW)).toEqual({ claimed: true });
    expect(await b.claim(KEY, new Date(NOW.getTime() + 900_000))).toEqual({
      claimed: false,
      state: 'in-progress',
      claimedAt: NOW,
    });
    // claimedAt < now - lease: strictly older than 900 s.
    expect(await b.claim(KEY, new Date(NOW.getTime() + 901_000))).toEqual({ claimed: true });
    expect(items.get(KEY)?.claimedAt).toEqual({ N: String(T + 901) });
    // A released claim is taken at once, even within the lease.
    await b.release(KEY);
    expect(await a.claim(KEY, new Date(NOW.getTime() + 902_000))).toEqual({ claimed: true });
    await b.complete(KEY, 'no-op', new Date(NOW.getTime() + 902_000));
    await b.release(KEY); // done stays done
    expect(await a.claim(KEY, new Date(NOW.getTime() + 10 * 86400_000))).toEqual({
      claimed: false,
      state: 'done',
      status: 'no-op',
    });
    expect(await a.peek(KEY)).toEqual({ state: 'done', status: 'no-op' });
    expect(await a.peek('other')).toEqual({ state: 'absent' });
  });

  it('throttling is thrown as the SDK error (the remediator retries it)', async () => {
    ddb.on(PutItemCommand).rejects(
      new DynamoDBServiceException({
        name: 'ProvisionedThroughputExceededException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'rate exceeded',
      }),
    );
    await expect(store().claim(KEY, NOW)).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
    });
  });

  it('a malformed item names the table, the key, the value and what was expected', async () => {
    ddb.on(GetItemCommand).resolves({ Item: { pk: { S: KEY }, status: { N: '1' } } });
    await expect(store().peek(KEY)).rejects.toThrow(
      `${TABLE}: item ${KEY} has status {"N":"1"} (expected a string: "claimed" or an outcome status)`,
    );
    ddb.on(GetItemCommand).resolves({ Item: { pk: { S: KEY }, status: { S: 'claimed' } } });
    await expect(store().peek(KEY)).rejects.toThrow(
      `${TABLE}: claimed item ${KEY} has claimedAt null (expected a number of epoch seconds)`,
    );
  });
});

describe('MemoryIdempotencyStore (same protocol, one process)', () => {
  it('initial keys are done; claims go stale after the lease; complete records the status', async () => {
    const m = new MemoryIdempotencyStore(['old'], 60);
    expect(await m.claim('old', NOW)).toEqual({ claimed: false, state: 'done', status: 'done' });
    expect(await m.claim(KEY, NOW)).toEqual({ claimed: true });
    expect(await m.claim(KEY, new Date(NOW.getTime() + 60_000))).toEqual({
      claimed: false,
      state: 'in-progress',
      claimedAt: NOW,
    });
    expect(await m.peek(KEY)).toEqual({ state: 'claimed', claimedAt: NOW });
    expect(await m.claim(KEY, new Date(NOW.getTime() + 61_000))).toEqual({ claimed: true });
    await m.complete(KEY, 'remediated', NOW);
    expect(await m.claim(KEY, new Date(NOW.getTime() + 10_000_000))).toEqual({
      claimed: false,
      state: 'done',
      status: 'remediated',
    });
    expect(await m.peek('nope')).toEqual({ state: 'absent' });
  });
});
