// The stack synthesized once, with the real local esbuild bundle of src/events/lambda-handler.ts
// (no Docker), asserted with aws-cdk-lib/assertions.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { DEFAULT_LEASE_SECONDS } from '../../src/events/idempotency.js';
import {
  fixedEnvironmentBytes,
  memberRoleArns,
  PerimeterDetectorStack,
} from '../lib/perimeter-detector-stack.js';
import { PERIMETER_MEMBER_ROLE_NAME } from '../lib/perimeter-member-role-stack.js';
import { beforeAll, describe, expect, it } from 'vitest';

let template: Template;
let outdir: string;
const DETECTOR_ROLE_ARN = 'arn:aws:iam::111122223333:role/PerimeterDetector-HandlerRole-ABC';

// Synthesized by the real app in a child process: CDK's local bundling spawns esbuild with the
// parent's stdio, which a vitest worker thread cannot lend. Same result as `cdk synth`, offline.
beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'perimeter-cdk-'));
  const intentFile = join(outdir, 'intent.json');
  writeFileSync(intentFile, JSON.stringify({ organizationId: 'o-abc123defg' }));
  execFileSync(join('node_modules', '.bin', 'tsx'), ['infra/bin/app.ts'], {
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({
        mode: 'enforce',
        intentFile,
        quietHours: '6',
        detectorRoleArn: DETECTOR_ROLE_ARN,
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  template = Template.fromJSON(
    JSON.parse(readFileSync(join(outdir, 'PerimeterDetector.template.json'), 'utf8')) as Record<
      string,
      unknown
    >,
  );
}, 90_000);

type Statement = { Sid?: string; Action: string | string[]; Resource: unknown };
function statements(): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies).flatMap(
    (p) =>
      (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
        .Statement,
  );
}

describe('PerimeterDetectorStack', () => {
  it('EventBridge rule: the detected EC2 calls, failed calls excluded with errorCode exists:false', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ec2'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['ec2.amazonaws.com'],
          eventName: [
            'AcceptVpcPeeringConnection',
            'AttachInternetGateway',
            'AuthorizeSecurityGroupIngress',
            'CreateInternetGateway',
            'CreateRoute',
            'CreateVpcEndpoint',
            'CreateVpcPeeringConnection',
            'ModifyVpcEndpoint',
          ],
          errorCode: [{ exists: false }],
        },
      },
    });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(15 minutes)' });
  });

  it('Lambda: nodejs22.x, bundled locally (asset has index.mjs), DLQ, enforce mode from props', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Timeout: 600,
      DeadLetterConfig: { TargetArn: Match.anyValue() },
      Environment: {
        Variables: Match.objectLike({
          PERIMETER_MODE: 'enforce',
          PERIMETER_INTENT: '{"organizationId":"o-abc123defg"}',
        }),
      },
    });
    const assets = readdirSync(outdir).filter(
      (d) => d.startsWith('asset.') && statSync(join(outdir, d)).isDirectory(),
    );
    expect(assets.filter((a) => existsSync(join(outdir, a, 'index.mjs')))).toHaveLength(1);
  });

  it('IAM: exactly the describe and remediation actions, sns:Publish on the topic, the idempotency table calls, sts:AssumeRole, nothing else', () => {
    const byAction = statements()
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
      .sort();
    expect(byAction).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'ec2:DeleteInternetGateway',
      'ec2:DeleteRoute',
      'ec2:DeleteVpcPeeringConnection',
      'ec2:DescribeInternetGateways',
      'ec2:DescribeRouteTables',
      'ec2:DescribeSecurityGroupRules',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeVpcEndpoints',
      'ec2:DescribeVpcPeeringConnections',
      'ec2:DescribeVpcs',
      'ec2:DetachInternetGateway',
      'ec2:RejectVpcPeeringConnection',
      'ec2:RevokeSecurityGroupIngress',
      'sns:Publish',
      'sqs:SendMessage',
      'sts:AssumeRole',
    ]);
    const remediate = statements().find((s) => s.Sid === 'Remediate');
    expect(JSON.stringify(remediate?.Resource)).toContain(':ec2:*:');
  });

  it('sts:AssumeRole on exactly the member role name in any account, and PERIMETER_ROLE_NAME is that name', () => {
    expect(statements().filter((s) => JSON.stringify(s.Action).includes('sts:'))).toEqual([
      {
        Sid: 'AssumeMemberRole',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::*:role/${PERIMETER_MEMBER_ROLE_NAME}`]],
        },
      },
    ]);
    expect(PERIMETER_MEMBER_ROLE_NAME).toBe('PerimeterRemediator');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ PERIMETER_ROLE_NAME: 'PerimeterRemediator' }) },
    });
    template.hasOutput('HandlerRoleArn', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HandlerRole'), 'Arn'] },
    });
  });

  it('the app also synthesizes the member role stack for -c detectorRoleArn, org id from the intent', () => {
    const member = Template.fromJSON(
      JSON.parse(readFileSync(join(outdir, 'PerimeterMemberRole.template.json'), 'utf8')) as Record<
        string,
        unknown
      >,
    );
    member.hasResourceProperties('AWS::IAM::Role', {
      RoleName: PERIMETER_MEMBER_ROLE_NAME,
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { AWS: DETECTOR_ROLE_ARN },
            Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123defg' } },
          },
        ],
      },
    });
    // No asset directory is needed for it: the detector's bundle is the only asset.
    expect(
      readdirSync(outdir)
        .filter((f) => f.endsWith('.template.json'))
        .sort(),
    ).toEqual(['PerimeterDetector.template.json', 'PerimeterMemberRole.template.json']);
  });

  it("organization document with accounts: sts:AssumeRole on those accounts' member role only; false: none", () => {
    const code = Code.fromInline('export const handler = 1;');
    const resources = (stack: PerimeterDetectorStack) => {
      const t = Template.fromStack(stack);
      return Object.values(t.findResources('AWS::IAM::Policy'))
        .flatMap(
          (p) =>
            (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
              .Statement,
        )
        .filter((s) => s.Sid === 'AssumeMemberRole')
        .map((s) => JSON.stringify(s.Resource));
    };
    const org = { Accounts: [{ Id: '444455556666' }, { Id: '111122223333' }, { Id: 'not-an-id' }] };
    expect(resources(new PerimeterDetectorStack(new App(), 'Org', { code, organization: org }))).toEqual([
      JSON.stringify(
        ['111122223333', '444455556666'].map((id) => ({
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${id}:role/PerimeterRemediator`]],
        })),
      ),
    ]);
    const single = new PerimeterDetectorStack(new App(), 'Single', { code, memberRoleName: false });
    expect(resources(single)).toEqual([]);
    Template.fromStack(single).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ PERIMETER_ROLE_NAME: Match.absent() }) },
    });
    // The member role's ExternalId reaches the function (which sends it); not without a member role.
    Template.fromStack(
      new PerimeterDetectorStack(new App(), 'Ext', { code, memberExternalId: 'perimeter-7f3a' }),
    ).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ PERIMETER_EXTERNAL_ID: 'perimeter-7f3a' }) },
    });
    Template.fromStack(
      new PerimeterDetectorStack(new App(), 'ExtSingle', {
        code,
        memberRoleName: false,
        memberExternalId: 'perimeter-7f3a',
      }),
    ).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ PERIMETER_EXTERNAL_ID: Match.absent() }) },
    });
    // An organization document without usable account ids falls back to any account.
    expect(memberRoleArns('X', { Accounts: [{ Id: 'nope' }] })).toHaveLength(1);
    expect(memberRoleArns('X', { Accounts: [{ Id: 'nope' }] })[0]).toMatch(/:iam::\*:role\/X$/);
  });

  it('alarms: handler errors, DLQ depth, escalations, detector quiet for 6 hours, reconcile missed — all to the topic', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
      (a) =>
        (a as { Properties: Record<string, unknown> }).Properties as {
          MetricName: string;
          Namespace: string;
          ComparisonOperator: string;
          EvaluationPeriods: number;
          TreatMissingData: string;
          AlarmActions: unknown[];
        },
    );
    expect(
      alarms
        .map((a) => [
          a.Namespace,
          a.MetricName,
          a.ComparisonOperator,
          a.EvaluationPeriods,
          a.TreatMissingData,
        ])
        .sort(),
    ).toEqual([
      ['AWS/Lambda', 'Errors', 'GreaterThanOrEqualToThreshold', 1, 'notBreaching'],
      ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'GreaterThanOrEqualToThreshold', 1, 'notBreaching'],
      ['Perimeter', 'Escalations', 'GreaterThanOrEqualToThreshold', 1, 'notBreaching'],
      ['Perimeter', 'EventsProcessed', 'LessThanThreshold', 6, 'breaching'],
      ['Perimeter', 'ReconcileRuns', 'LessThanThreshold', 1, 'breaching'],
    ]);
    expect(alarms.every((a) => a.AlarmActions.length === 1)).toBe(true);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::SQS::Queue', 1);
  });
});

describe('PerimeterDetectorStack idempotency table', () => {
  const tableId = () => {
    const ids = Object.keys(template.findResources('AWS::DynamoDB::Table'));
    expect(ids).toHaveLength(1);
    return ids[0]!;
  };

  it('on demand, partition key pk (string), TTL on expiresAt, point-in-time recovery, deleted with the stack', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      },
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    });
  });

  it('a claim outlives the longest invocation: Lambda timeout 600 s < the 900 s idempotency lease', () => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function')).map(
      (f) => (f as { Properties: { Timeout?: number } }).Properties.Timeout,
    );
    expect(fns.filter((t) => t !== undefined && t >= 600)).toEqual([600]);
    expect(DEFAULT_LEASE_SECONDS).toBe(900);
    expect(fns.every((t) => (t ?? 3) < DEFAULT_LEASE_SECONDS)).toBe(true);
  });

  it('the function may only GetItem, PutItem and UpdateItem on that table, and gets its name', () => {
    const id = tableId();
    const onTable = statements().filter((s) => JSON.stringify(s).includes('dynamodb:'));
    expect(onTable).toEqual([
      {
        Sid: 'IdempotencyTable',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
        Resource: { 'Fn::GetAtt': [id, 'Arn'] },
      },
    ]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ PERIMETER_IDEMPOTENCY_TABLE: { Ref: id } }) },
    });
  });
});

describe('PerimeterDetectorStack configuration limits', () => {
  it('deploy-time values count at their upper bounds: keys + mode + topic ARN 303 + table 255 + account 12', () => {
    const stack = new PerimeterDetectorStack(new App(), 'Sizes', {
      code: Code.fromInline('export const handler = 1;'),
    });
    const env = {
      PERIMETER_MODE: 'dry-run',
      PERIMETER_TOPIC_ARN: stack.topic.topicArn,
      PERIMETER_HOME_ACCOUNT: stack.account,
      PERIMETER_IDEMPOTENCY_TABLE: stack.idempotencyTable.tableName,
      PERIMETER_INTENT: '{}',
    };
    expect(fixedEnvironmentBytes(env)).toBe(
      'PERIMETER_MODE'.length +
        7 +
        'PERIMETER_TOPIC_ARN'.length +
        'arn:aws-us-gov:sns:ap-southeast-5:123456789012:'.length +
        256 +
        'PERIMETER_HOME_ACCOUNT'.length +
        12 +
        'PERIMETER_IDEMPOTENCY_TABLE'.length +
        255 +
        'PERIMETER_INTENT'.length,
    );
    expect(() => fixedEnvironmentBytes({ OTHER: stack.topic.topicArn })).toThrow(
      'environment OTHER: a deploy-time value with no known size bound',
    );
  });

  it('the intent + organization budget is what the other variables leave of 4096 bytes', () => {
    const code = Code.fromInline('export const handler = 1;');
    // 4096 - fixed (mode "dry-run", topic, account, table, role name PERIMETER_ROLE_NAME=
    // PerimeterRemediator, intent + organization keys) = 3361.
    const fixed = 14 + 7 + 19 + 303 + 22 + 12 + 27 + 255 + 19 + 19 + 16 + 22;
    const orgOfSize = (n: number) => ({ pad: 'x'.repeat(n - '{"pad":""}'.length) });
    const intentBytes = 2; // "{}"
    expect(
      () =>
        new PerimeterDetectorStack(new App(), 'Fits', {
          code,
          organization: orgOfSize(4096 - fixed - intentBytes),
        }),
    ).not.toThrow();
    expect(
      () =>
        new PerimeterDetectorStack(new App(), 'TooBig', {
          code,
          organization: orgOfSize(4096 - fixed - intentBytes + 1),
        }),
    ).toThrow(
      `intent + organization document are ${4096 - fixed + 1} bytes; Lambda environment variables are limited to 4 KB in total (expected at most ${4096 - fixed} bytes here, the other variables take up to ${fixed}`,
    );
  });

  it('an organization document too large for the 4 KB Lambda environment fails at synth, saying so', () => {
    const organization = {
      Accounts: Array.from({ length: 100 }, (_, i) => ({
        Id: String(100000000000 + i),
        Name: `account-${i}`,
        ParentId: 'r-root',
      })),
    };
    expect(
      () =>
        new PerimeterDetectorStack(new App(), 'Big', {
          code: Code.fromInline('export const handler = 1;'),
          organization,
        }),
    ).toThrow(
      /^intent \+ organization document are \d+ bytes; Lambda environment variables are limited to 4 KB in total/,
    );
  });
});
