import { mockClient } from 'aws-sdk-client-mock';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { AssumeRoleError, assumeRoleProvider, roleArnFor } from '../../src/collect/assume-role.js';
import { classifyError } from '../../src/collect/classify-error.js';
import { assumedRoleCredentials, awsError } from './helpers.js';

const sts = mockClient(STSClient);
afterEach(() => sts.reset());

describe('classifyError', () => {
  it.each([
    ['UnauthorizedOperation', 403, 'access-denied'],
    ['AccessDenied', 403, 'access-denied'],
    ['AccessDeniedException', 400, 'access-denied'],
    ['SomethingNew', 403, 'access-denied'],
    ['RequestLimitExceeded', 503, 'throttled'],
    ['Throttling', 400, 'throttled'],
    ['ThrottlingException', 400, 'throttled'],
    ['TooManyRequestsException', 400, 'throttled'],
    ['PriorRequestNotComplete', 400, 'throttled'],
    ['OptInRequired', 403, 'opt-in-region'],
    ['TimeoutError', 0, 'timeout'],
    ['InvalidParameterValue', 400, 'other'],
  ])('%s (HTTP %i) → %s', (code, status, kind) => {
    expect(classifyError(awsError(code, `msg ${code}`, status))).toEqual({
      kind,
      errorCode: code,
      message: `msg ${code}`,
    });
  });

  it('a socket timeout (code ETIMEDOUT) is a timeout; an AssumeRoleError is assume-role-failed', () => {
    const e = Object.assign(new Error('connect ETIMEDOUT 1.2.3.4:443'), { code: 'ETIMEDOUT' });
    expect(classifyError(e).kind).toBe('timeout');
    expect(classifyError(new AssumeRoleError('arn:aws:iam::1:role/r', 'AccessDenied', 'denied'))).toEqual({
      kind: 'assume-role-failed',
      errorCode: 'AccessDenied',
      message: 'denied',
    });
  });
});

describe('assumeRoleProvider', () => {
  const roleArn = roleArnFor('222222222222', 'PerimeterReadOnly');

  it('builds the role ARN in the caller partition', () => {
    expect(roleArn).toBe('arn:aws:iam::222222222222:role/PerimeterReadOnly');
    expect(roleArnFor('222222222222', 'R', 'aws-us-gov')).toBe('arn:aws-us-gov:iam::222222222222:role/R');
  });

  it('assumes once, caches, and refreshes five minutes before expiry', async () => {
    let now = Date.UTC(2026, 10, 23, 12, 0, 0);
    let n = 0;
    sts.on(AssumeRoleCommand).callsFake(() => {
      n++;
      return assumedRoleCredentials(String(n), now);
    });
    const provider = assumeRoleProvider({
      sts: new STSClient({ region: 'us-east-1' }),
      roleArn,
      externalId: 'ext',
      sessionName: 'perimeter-collect-111111111111',
      now: () => now,
    });
    const [a, b] = await Promise.all([provider(), provider()]);
    expect([a.accessKeyId, b.accessKeyId]).toEqual(['AKID1', 'AKID1']);
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input).toEqual({
      RoleArn: roleArn,
      RoleSessionName: 'perimeter-collect-111111111111',
      ExternalId: 'ext',
      DurationSeconds: 3600,
    });
    now += 54 * 60_000; // 6 minutes left: still cached
    expect((await provider()).accessKeyId).toBe('AKID1');
    now += 2 * 60_000; // 4 minutes left: refreshed
    expect((await provider()).accessKeyId).toBe('AKID2');
  });

  it('a refused AssumeRole becomes an AssumeRoleError naming the role and the STS error', async () => {
    sts
      .on(AssumeRoleCommand)
      .rejects(awsError('AccessDenied', 'not authorized to perform sts:AssumeRole', 403));
    const provider = assumeRoleProvider({
      sts: new STSClient({ region: 'us-east-1' }),
      roleArn,
      sessionName: 's',
    });
    const err = (await provider().catch((e: unknown) => e)) as AssumeRoleError;
    expect(err).toBeInstanceOf(AssumeRoleError);
    expect(err.message).toBe(
      `sts:AssumeRole ${roleArn} failed: AccessDenied: not authorized to perform sts:AssumeRole`,
    );
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input).not.toHaveProperty('ExternalId');
  });
});
