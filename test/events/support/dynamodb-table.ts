// An in-memory stand-in for the idempotency table behind aws-sdk-client-mock: PutItem evaluates the
// one claim condition the store sends (any other expression is an error, so a changed condition
// fails the tests instead of passing unevaluated), honours ReturnValuesOnConditionCheckFailure
// ALL_OLD as DynamoDB does, UpdateItem applies complete (`SET #s = :status, expiresAt = :expiresAt`)
// and release (`SET claimedAt = :released` if `#s = :claimed`), GetItem reads. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';

type Item = Record<string, AttributeValue>;
type DynamoStub = AwsClientStub<DynamoDBClient>;

const CONDITION = 'attribute_not_exists(pk) OR (#s = :claimed AND claimedAt < :stale)';

export function conditionalFailure(item?: Item): ConditionalCheckFailedException {
  return new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: { httpStatusCode: 400 },
    ...(item ? { Item: item } : {}),
  });
}

/** Installs the table on `ddb` (after a reset); returns its items by pk. */
export function fakeIdempotencyTable(ddb: DynamoStub, tableName: string): Map<string, Item> {
  const items = new Map<string, Item>();
  const pkOf = (key: Item | undefined): string => {
    const pk = key?.pk?.S;
    if (pk === undefined) throw new Error(`expected Key/Item pk {S}, got ${JSON.stringify(key)}`);
    return pk;
  };
  const table = (name: unknown) => {
    if (name !== tableName) throw new Error(`expected TableName ${tableName}, got ${String(name)}`);
  };
  ddb.on(PutItemCommand).callsFake((input: unknown) => {
    const i = input as {
      TableName: string;
      Item: Item;
      ConditionExpression: string;
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues: Item;
      ReturnValuesOnConditionCheckFailure?: string;
    };
    table(i.TableName);
    if (i.ConditionExpression !== CONDITION || i.ExpressionAttributeNames['#s'] !== 'status')
      throw new Error(`fake table: unsupported condition ${i.ConditionExpression}`);
    const pk = pkOf(i.Item);
    const old = items.get(pk);
    const ok =
      old === undefined ||
      (old.status?.S === i.ExpressionAttributeValues[':claimed']?.S &&
        Number(old.claimedAt?.N) < Number(i.ExpressionAttributeValues[':stale']?.N));
    if (!ok) throw conditionalFailure(i.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' ? old : undefined);
    items.set(pk, { ...i.Item });
    return {};
  });
  ddb.on(UpdateItemCommand).callsFake((input: unknown) => {
    const i = input as {
      TableName: string;
      Key: Item;
      UpdateExpression: string;
      ConditionExpression?: string;
      ExpressionAttributeValues: Item;
    };
    table(i.TableName);
    const pk = pkOf(i.Key);
    const old = items.get(pk);
    if (
      i.UpdateExpression === 'SET #s = :status, expiresAt = :expiresAt' &&
      i.ConditionExpression === undefined
    ) {
      items.set(pk, {
        ...(old ?? { pk: { S: pk } }),
        status: i.ExpressionAttributeValues[':status']!,
        expiresAt: i.ExpressionAttributeValues[':expiresAt']!,
      });
      return {};
    }
    if (i.UpdateExpression === 'SET claimedAt = :released' && i.ConditionExpression === '#s = :claimed') {
      if (old?.status?.S !== i.ExpressionAttributeValues[':claimed']?.S) throw conditionalFailure();
      items.set(pk, { ...old, claimedAt: i.ExpressionAttributeValues[':released']! });
      return {};
    }
    throw new Error(`fake table: unsupported update ${i.UpdateExpression} / ${i.ConditionExpression}`);
  });
  ddb.on(GetItemCommand).callsFake((input: unknown) => {
    const i = input as { TableName: string; Key: Item };
    table(i.TableName);
    const it = items.get(pkOf(i.Key));
    return it ? { Item: it } : {};
  });
  return items;
}
