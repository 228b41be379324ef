import { describe, expect, it } from 'vitest';
import { collectionGap } from '../../../src/checks/coverage/collection-gap.js';
import { makeContext } from '../../../src/checks/run-checks.js';
import { intentSchema } from '../../../src/config/intent.js';
import { buildEstate } from '../../../src/estate/build.js';
import type { CollectionFailure, CollectionManifest } from '../../../src/estate/model.js';

function manifest(failures: CollectionFailure[]): CollectionManifest {
  return {
    version: 1,
    collectedAt: '2026-11-23T12:00:00.000Z',
    collectedBy: 'arn:aws:sts::111111111111:assumed-role/Auditor/alice',
    accounts: ['111111111111', '222222222222', '444444444444'],
    regions: ['eu-west-1', 'us-east-1'],
    calls: [
      { accountId: '111111111111', region: 'us-east-1', service: 'ec2', operation: 'DescribeVpcs', key: 'Vpcs', pages: 1, items: 1 },
    ],
    failures,
  };
}

function run(m: CollectionManifest | undefined) {
  const docs = [
    {
      file: 'accounts/111111111111/us-east-1/Vpcs.json',
      accountId: '111111111111',
      region: 'us-east-1',
      data: { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', OwnerId: '111111111111' }] },
    },
    ...(m ? [{ file: 'collection.json', data: m }] : []),
  ];
  const estate = buildEstate(docs);
  return collectionGap.run(makeContext(estate, intentSchema.parse({})));
}

describe('collection-gap', () => {
  it('compliant: a manifest without failures yields no finding', () => {
    expect(run(manifest([]))).toEqual([]);
  });

  it('not applicable without collection.json: coverage is unknown, never assumed complete', () => {
    expect(run(undefined)).toEqual({
      notApplicable:
        'the snapshot has no collection.json (not written by `perimeter collect`): which parts were collected is unknown',
    });
  });

  it('non-compliant: one finding per account/region/kind, naming operations and what is unknown', () => {
    const r = run(
      manifest([
        {
          accountId: '222222222222',
          region: 'eu-west-1',
          service: 'ec2',
          operation: 'DescribeVpcs',
          kind: 'access-denied',
          errorCode: 'UnauthorizedOperation',
          message: 'You are not authorized to perform this operation.',
        },
        {
          accountId: '222222222222',
          region: 'eu-west-1',
          service: 'ec2',
          operation: 'DescribeSecurityGroups',
          kind: 'access-denied',
          errorCode: 'UnauthorizedOperation',
          message: 'You are not authorized to perform this operation.',
        },
        {
          accountId: '444444444444',
          service: 'sts',
          operation: 'AssumeRole',
          kind: 'assume-role-failed',
          errorCode: 'AccessDenied',
          message: 'sts:AssumeRole arn:aws:iam::444444444444:role/PerimeterReadOnly failed: AccessDenied: denied',
        },
      ]),
    );
    if (!Array.isArray(r)) throw new Error(`not applicable: ${JSON.stringify(r)}`);
    expect(r.map((f) => [f.resource.id, f.resource.region, f.evidence?.kind])).toEqual([
      ['collection:222222222222/eu-west-1', 'eu-west-1', 'access-denied'],
      ['collection:444444444444/all regions', 'global', 'assume-role-failed'],
    ]);
    expect(r[0]?.message).toBe(
      'account 222222222222, eu-west-1: access denied (UnauthorizedOperation) for ec2:DescribeSecurityGroups, ec2:DescribeVpcs — unknown: VPCs; security groups; no finding there means "not collected", not "no problem"',
    );
    expect(r[0]?.evidence?.operations).toEqual(['ec2:DescribeSecurityGroups', 'ec2:DescribeVpcs']);
    expect(r[1]?.evidence?.unknown).toEqual(['every resource in the account']);
    expect(r[1]?.remediation).toContain('--role-name');
  });
});
