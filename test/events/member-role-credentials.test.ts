// The remediator reaches member accounts through the member role (infra/lib/perimeter-member-role-
// stack.ts): the role ARN in the region's partition, and the ExternalId when the role requires one.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { memberRoleCredentials, partitionOf } from '../../src/events/aws-sdk-port.js';
import { configFromEnv } from '../../src/events/lambda-handler.js';

const sts = mockClient(STSClient);
afterEach(() => sts.reset());

const creds = {
  Credentials: {
    AccessKeyId: 'ASIAEXAMPLE',
    SecretAccessKey: 'secret',
    SessionToken: 'token',
    Expiration: new Date('2026-11-23T13:00:00Z'),
  },
};

describe('member role credentials', () => {
  it('partition by region: aws-cn, aws-us-gov, else aws', () => {
    expect(
      ['cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-east-1', 'eu-west-1'].map(partitionOf),
    ).toEqual(['aws-cn', 'aws-cn', 'aws-us-gov', 'aws', 'aws']);
  });

  it('sends the ExternalId and the partition-correct role ARN, and returns the session credentials', async () => {
    sts.on(AssumeRoleCommand).resolves(creds);
    const provider = memberRoleCredentials(
      { roleName: 'PerimeterRemediator', externalId: 'perimeter-7f3a' },
      '444455556666',
      'cn-north-1',
      new STSClient({ region: 'cn-north-1' }),
    );
    expect(await provider()).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: new Date('2026-11-23T13:00:00Z'),
    });
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input).toEqual({
      RoleArn: 'arn:aws-cn:iam::444455556666:role/PerimeterRemediator',
      RoleSessionName: 'perimeter-remediator',
      ExternalId: 'perimeter-7f3a',
    });
  });

  it('without an ExternalId sends none; no credentials in the answer is an error naming the account', async () => {
    sts.on(AssumeRoleCommand).resolves({});
    const provider = memberRoleCredentials(
      { roleName: 'PerimeterRemediator' },
      '444455556666',
      'us-east-1',
      new STSClient({ region: 'us-east-1' }),
    );
    await expect(provider()).rejects.toThrow('sts:AssumeRole into 444455556666 returned no credentials');
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input).toEqual({
      RoleArn: 'arn:aws:iam::444455556666:role/PerimeterRemediator',
      RoleSessionName: 'perimeter-remediator',
    });
  });

  it('the Lambda reads PERIMETER_EXTERNAL_ID (absent or empty: none)', () => {
    expect(
      configFromEnv({ PERIMETER_ROLE_NAME: 'R', PERIMETER_EXTERNAL_ID: 'perimeter-7f3a' }).externalId,
    ).toBe('perimeter-7f3a');
    expect(configFromEnv({ PERIMETER_ROLE_NAME: 'R' }).externalId).toBeUndefined();
    expect(configFromEnv({ PERIMETER_EXTERNAL_ID: '' }).externalId).toBeUndefined();
  });
});
