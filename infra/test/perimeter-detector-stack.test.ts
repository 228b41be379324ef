// The stack synthesized once, with the real local esbuild bundle of src/events/lambda-handler.ts
// (no Docker), asserted with aws-cdk-lib/assertions.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { PerimeterDetectorStack } from '../lib/perimeter-detector-stack.js';
import { beforeAll, describe, expect, it } from 'vitest';

let template: Template;
let outdir: string;

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
      CDK_CONTEXT_JSON: JSON.stringify({ mode: 'enforce', intentFile, quietHours: '6' }),
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

  it('IAM: exactly the describe and remediation actions, plus sns:Publish on the topic, nothing else', () => {
    const byAction = statements()
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
      .sort();
    expect(byAction).toEqual([
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
    ]);
    const remediate = statements().find((s) => s.Sid === 'Remediate');
    expect(JSON.stringify(remediate?.Resource)).toContain(':ec2:*:');
    expect(statements().some((s) => s.Sid === 'AssumeMemberRole')).toBe(false);
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

describe('PerimeterDetectorStack configuration limits', () => {
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
