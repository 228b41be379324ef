// Throttling through the real EC2Client: the SDK's retry strategy (as configured by the client
// pool) retries RequestLimitExceeded with exponential backoff, and a call that stays throttled
// becomes a `throttled` failure.
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { classifyError } from '../../src/collect/classify-error.js';
import { poolWith, recordedHandler, THROTTLED_XML } from './recorded-http.js';

const OK = `<?xml version="1.0" encoding="UTF-8"?>
<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><vpcSet><item><vpcId>vpc-1</vpcId><cidrBlock>10.0.0.0/16</cidrBlock></item></vpcSet></DescribeVpcsResponse>`;

beforeEach(() => {
  vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
  // The SDK backs off by random × base × 2^retry ("full jitter"); pin the random factor so the
  // delays are deterministic: 0.02 × 1000 ms (throttling base) × 2^n = 20, 40, 80 ms.
  vi.spyOn(Math, 'random').mockReturnValue(0.02);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** Drives the fake clock until `pending` settles (real I/O-free awaits in between: setImmediate is not faked). */
async function settle<T>(pending: Promise<T>): Promise<T> {
  let done = false;
  const p = pending.finally(() => {
    done = true;
  });
  for (let i = 0; i < 2000 && !done; i++) {
    await new Promise((r) => setImmediate(r));
    await vi.advanceTimersByTimeAsync(10);
  }
  return p;
}

const gaps = (at: readonly number[]) => at.slice(1).map((t, i) => t - at[i]!);

describe('retries', () => {
  it('standard backoff: throttled three times, then success; the delays between attempts grow (×2)', async () => {
    const handler = recordedHandler([
      [503, THROTTLED_XML],
      [503, THROTTLED_XML],
      [503, THROTTLED_XML],
      [200, OK],
    ]);
    const pool = poolWith(handler, { retryMode: 'standard', maxAttempts: 4 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const out = await settle(
        pool.get('ec2', '123456789012', 'us-east-1').send(new DescribeVpcsCommand({})),
      );
      expect(out.Vpcs?.map((v) => v.VpcId)).toEqual(['vpc-1']);
      expect(out.$metadata.attempts).toBe(4);
      // on the fake clock the delays are exactly the backoff: 0.02 × 1000 ms × 2^n
      expect(gaps(handler.seen.map((s) => s.at))).toEqual([20, 40, 80]);
    } finally {
      vi.useRealTimers();
      pool.destroy();
    }
  });

  it('adaptive mode (the default): the same throttling ends in success, each delay at least the exponential backoff', async () => {
    const handler = recordedHandler([
      [503, THROTTLED_XML],
      [503, THROTTLED_XML],
      [200, OK],
    ]);
    const pool = poolWith(handler, { maxAttempts: 3 });
    // the adaptive rate limiter waits for tokens at 0.5/s after a throttle: seconds of real time,
    // so run this one on a fake clock
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const out = await settle(
        pool.get('ec2', '123456789012', 'us-east-1').send(new DescribeVpcsCommand({})),
      );
      expect(out.$metadata.attempts).toBe(3);
      const d = gaps(handler.seen.map((s) => s.at));
      // adaptive adds client-side rate limiting on top of the backoff, never less (after a throttle its
      // token bucket refills at 0.5/s, which dominates these short backoffs: 2 s each here)
      expect(d[0]).toBeGreaterThanOrEqual(20);
      expect(d[1]).toBeGreaterThanOrEqual(40);
    } finally {
      vi.useRealTimers();
      pool.destroy();
    }
  });

  it('throttling that outlasts maxAttempts becomes a `throttled` failure with the AWS error code', async () => {
    const handler = recordedHandler([[503, THROTTLED_XML]]);
    const pool = poolWith(handler, { retryMode: 'standard', maxAttempts: 2 });
    try {
      const err = await pool
        .get('ec2', '123456789012', 'us-east-1')
        .send(new DescribeVpcsCommand({}))
        .catch((e: unknown) => e);
      expect(handler.seen).toHaveLength(2);
      expect(classifyError(err)).toEqual({
        kind: 'throttled',
        errorCode: 'RequestLimitExceeded',
        message: 'Request limit exceeded.',
      });
    } finally {
      pool.destroy();
    }
  });
});
