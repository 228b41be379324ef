// The durable IdempotencyStore (protocol in idempotency.ts) over one DynamoDB table: partition key
// `pk` (string), items {pk, status, claimedAt, expiresAt}; `expiresAt` (epoch seconds) is the
// table's TTL attribute.
//
// - claim: PutItem {status: "claimed"} with ConditionExpression
//   `attribute_not_exists(pk) OR (#s = :claimed AND claimedAt < :stale)` (`status` is a reserved
//   word, hence #s). On ConditionalCheckFailedException the holder comes back in the error's `Item`
//   (ReturnValuesOnConditionCheckFailure ALL_OLD), so no second read is needed; a GetItem
//   (consistent) covers an error without it.
//   https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
// - complete: UpdateItem status = the outcome, expiresAt = now + 30 days: longer than the DLQ's
//   14-day retention, so a re-drive still finds the key done.
// - release: UpdateItem claimedAt = 0 on condition `#s = :claimed` (a done key is left alone; its
//   ConditionalCheckFailedException is expected and ignored).
// - Claims expire (TTL) after a day; the condition, not TTL, decides staleness: TTL deletes lazily.
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html
// - Other errors (throttling: ProvisionedThroughputExceededException, ThrottlingException …) are
//   thrown as they are; the remediator retries and then fails the invocation.
import {
  type ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { awsErrorCode } from './aws-port.js';
import {
  DEFAULT_LEASE_SECONDS,
  type ClaimResult,
  type IdempotencyStore,
  type KeyState,
} from './idempotency.js';

export const DONE_TTL_SECONDS = 30 * 24 * 3600;
export const CLAIM_TTL_SECONDS = 24 * 3600;

export const CLAIM_CONDITION = 'attribute_not_exists(pk) OR (#s = :claimed AND claimedAt < :stale)';

export interface DynamoDbIdempotencyOptions {
  readonly leaseSeconds?: number;
}

const epoch = (d: Date): number => Math.floor(d.getTime() / 1000);

export class DynamoDbIdempotencyStore implements IdempotencyStore {
  readonly #lease: number;

  constructor(
    private readonly client: DynamoDBClient,
    readonly tableName: string,
    options: DynamoDbIdempotencyOptions = {},
  ) {
    this.#lease = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  }

  async claim(key: string, now: Date): Promise<ClaimResult> {
    const t = epoch(now);
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            pk: { S: key },
            status: { S: 'claimed' },
            claimedAt: { N: String(t) },
            expiresAt: { N: String(t + CLAIM_TTL_SECONDS) },
          },
          ConditionExpression: CLAIM_CONDITION,
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':claimed': { S: 'claimed' },
            ':stale': { N: String(t - this.#lease) },
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { claimed: true };
    } catch (err) {
      if (awsErrorCode(err) !== 'ConditionalCheckFailedException') throw err;
      const item = (err as ConditionalCheckFailedException).Item ?? (await this.#get(key));
      const held = this.#parse(key, item);
      // Absent again: the item was deleted (TTL) between the write and the read. Not guessed:
      // the caller fails and the event is retried.
      if (held.state === 'absent') {
        throw Object.assign(
          new Error(`${this.tableName}: claim of ${key} failed its condition, yet the item is absent`),
          { name: 'IdempotencyItemVanished' },
        );
      }
      return held.state === 'done'
        ? { claimed: false, state: 'done', status: held.status }
        : { claimed: false, state: 'in-progress', claimedAt: held.claimedAt };
    }
  }

  async complete(key: string, status: string, now: Date): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: { pk: { S: key } },
        UpdateExpression: 'SET #s = :status, expiresAt = :expiresAt',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':status': { S: status },
          ':expiresAt': { N: String(epoch(now) + DONE_TTL_SECONDS) },
        },
      }),
    );
  }

  async release(key: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { pk: { S: key } },
          UpdateExpression: 'SET claimedAt = :released',
          ConditionExpression: '#s = :claimed',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':released': { N: '0' }, ':claimed': { S: 'claimed' } },
        }),
      );
    } catch (err) {
      if (awsErrorCode(err) !== 'ConditionalCheckFailedException') throw err;
    }
  }

  async peek(key: string): Promise<KeyState> {
    return this.#parse(key, await this.#get(key));
  }

  async #get(key: string): Promise<Record<string, AttributeValue> | undefined> {
    const r = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: { pk: { S: key } }, ConsistentRead: true }),
    );
    return r.Item;
  }

  #parse(key: string, item: Record<string, AttributeValue> | undefined): KeyState {
    if (item === undefined) return { state: 'absent' };
    const status = item.status?.S;
    if (status === undefined || status === '') {
      throw new Error(
        `${this.tableName}: item ${key} has status ${JSON.stringify(item.status ?? null)} (expected a string: "claimed" or an outcome status)`,
      );
    }
    if (status !== 'claimed') return { state: 'done', status };
    const at = Number(item.claimedAt?.N);
    if (!Number.isFinite(at)) {
      throw new Error(
        `${this.tableName}: claimed item ${key} has claimedAt ${JSON.stringify(item.claimedAt ?? null)} (expected a number of epoch seconds)`,
      );
    }
    return { state: 'claimed', claimedAt: new Date(at * 1000) };
  }
}

/** The store the Lambda uses when PERIMETER_IDEMPOTENCY_TABLE is set. */
export function dynamoDbIdempotencyStore(
  tableName: string,
  region: string,
  options: DynamoDbIdempotencyOptions = {},
): DynamoDbIdempotencyStore {
  return new DynamoDbIdempotencyStore(new DynamoDBClient({ region }), tableName, options);
}
