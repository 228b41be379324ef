// Test helpers: a CollectorRun over a real client pool (clients mocked with aws-sdk-client-mock),
// assumed-role credentials that name their account, and AWS-shaped errors as the SDK raises them.
import { ClientPool } from '../../src/collect/client-pool.js';
import type { Collector, CollectorOutput, Rec } from '../../src/collect/collector.js';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';

export async function runCollector(
  c: Collector,
  parentItems: readonly Rec[] = [],
  where: { accountId?: string; region?: string } = {},
): Promise<CollectorOutput & { calls: number }> {
  const pool = new ClientPool();
  let calls = 0;
  const region = where.region ?? (c.scope === 'global' ? 'global' : REGION);
  try {
    const out = await c.collect({
      accountId: where.accountId ?? ACCOUNT,
      region,
      client: (service) =>
        pool.get(service, where.accountId ?? ACCOUNT, region === 'global' ? 'us-east-1' : region),
      countCall: () => {
        calls++;
      },
      parentItems,
    });
    return { ...out, calls };
  } finally {
    pool.destroy();
  }
}

/**
 * An STS AssumeRole answer whose access key id is `AKID<key>` (whereOf reads the account back from
 * it), valid for an hour from `now`.
 */
export function assumedRoleCredentials(key: string, now = Date.now()) {
  return {
    Credentials: {
      AccessKeyId: `AKID${key}`,
      SecretAccessKey: 's',
      SessionToken: 't',
      Expiration: new Date(now + 3600_000),
    },
  };
}

/** Account and region a mocked call was made for: key id ↔ account (AKID<account>), client region. */
export async function whereOf(
  getClient: () => { config: unknown },
): Promise<{ account: string; region: string }> {
  const config = getClient().config as {
    credentials: () => Promise<{ accessKeyId: string }>;
    region: () => Promise<string>;
  };
  const { accessKeyId } = await config.credentials();
  return { account: accessKeyId.replace(/^AKID/, ''), region: await config.region() };
}

/** An error shaped like the SDK's ServiceException (name = AWS error code, $metadata). */
export function awsError(code: string, message: string, status = 400): Error {
  const e = new Error(message);
  e.name = code;
  Object.assign(e, { $fault: 'client', $metadata: { httpStatusCode: status } });
  return e;
}
