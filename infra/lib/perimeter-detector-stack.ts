// The deployed detector/remediator for seed 000: EventBridge rule on the EC2 CloudTrail events the
// detectors read (failed calls filtered out in the pattern), a schedule for the reconcile backstop,
// one Lambda (nodejs22.x, bundled with local esbuild — no Docker), a least-privilege role, a DLQ,
// an SNS topic for escalations, a DynamoDB table for durable idempotency (src/events/idempotency.ts),
// and alarms that watch the detector itself: Lambda errors, DLQ depth, escalations, and "no events
// processed for N hours" / "reconcile did not run".
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Token, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { EC2_DESCRIBE_ACTIONS, EC2_REMEDIATION_ACTIONS } from '../../src/events/aws-port.js';
import { PERIMETER_MEMBER_ROLE_NAME } from './perimeter-member-role-stack.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The CloudTrail eventNames the detectors read (src/events/detectors/*). */
export const detectedEventNames = [
  'AcceptVpcPeeringConnection',
  'AttachInternetGateway',
  'AuthorizeSecurityGroupIngress',
  'CreateInternetGateway',
  'CreateRoute',
  'CreateVpcEndpoint',
  'CreateVpcPeeringConnection',
  'ModifyVpcEndpoint',
] as const;

/**
 * Exactly what the remediator calls: the lists next to the port (src/events/aws-port.ts), checked
 * against src/events/aws-sdk-port.ts by test/events/aws-sdk-port-actions.test.ts. Describe* need
 * Resource "*".
 */
export const describeActions = EC2_DESCRIBE_ACTIONS;
export const remediationActions = EC2_REMEDIATION_ACTIONS;

/** What the idempotency store calls (src/events/aws-idempotency-dynamodb.ts), on its table only. */
export const idempotencyActions = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;

/** Lambda: 4 KB for all environment variables, keys and values together. */
export const LAMBDA_ENVIRONMENT_BYTES = 4096;

/**
 * Upper bounds for values CloudFormation fills in at deploy time (tokens at synth): an SNS topic ARN
 * (arn:aws-us-gov:sns:<region>:<account>: + a name of up to 256 characters), a DynamoDB table name
 * (255), an account id (12). https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
 */
const TOKEN_VALUE_BOUNDS: Record<string, number> = {
  PERIMETER_TOPIC_ARN: 'arn:aws-us-gov:sns:ap-southeast-5:123456789012:'.length + 256,
  PERIMETER_IDEMPOTENCY_TABLE: 255,
  PERIMETER_HOME_ACCOUNT: 12,
};

/** Bytes of every variable except the intent and the organization document, tokens at their bounds. */
export function fixedEnvironmentBytes(environment: Readonly<Record<string, string>>): number {
  let n = 0;
  for (const [k, v] of Object.entries(environment)) {
    n += Buffer.byteLength(k, 'utf8');
    if (k === 'PERIMETER_INTENT' || k === 'PERIMETER_ORGANIZATION') continue;
    const bound = TOKEN_VALUE_BOUNDS[k];
    if (Token.isUnresolved(v)) {
      if (bound === undefined)
        throw new Error(`environment ${k}: a deploy-time value with no known size bound`);
      n += bound;
    } else n += Buffer.byteLength(v, 'utf8');
  }
  return n;
}

/**
 * The member roles the function may assume: one ARN per account of the organization document when
 * it lists accounts (Accounts[].Id), otherwise the role name in any account
 * (arn:<partition>:iam::*:role/<name>). The member role's trust policy is the other half: it trusts
 * this function's role only.
 */
export function memberRoleArns(
  roleName: string,
  organization: Readonly<Record<string, unknown>> | undefined,
): string[] {
  const accounts = organization?.Accounts;
  const ids = Array.isArray(accounts)
    ? accounts.flatMap((a: unknown) => {
        const id = typeof a === 'object' && a !== null ? (a as { Id?: unknown }).Id : undefined;
        return typeof id === 'string' && /^\d{12}$/.test(id) ? [id] : [];
      })
    : [];
  if (ids.length === 0) return [`arn:${Aws.PARTITION}:iam::*:role/${roleName}`];
  return [...new Set(ids)].sort().map((id) => `arn:${Aws.PARTITION}:iam::${id}:role/${roleName}`);
}

export interface PerimeterDetectorStackProps extends StackProps {
  /** dry-run (default): detect, plan, audit, alarm; enforce: act. */
  readonly mode?: 'dry-run' | 'enforce';
  /** perimeter.yaml content as JSON (organizationId, trustedAccounts, noInternetIngress, ports). */
  readonly intent?: Record<string, unknown>;
  /** The organization document (DescribeOrganization + Roots + OrganizationalUnits + Accounts). */
  readonly organization?: Record<string, unknown>;
  /**
   * Role to assume in member accounts (same name everywhere; infra/lib/perimeter-member-role-stack.ts
   * creates it). Default PERIMETER_MEMBER_ROLE_NAME; false = this account only (no sts:AssumeRole,
   * no PERIMETER_ROLE_NAME).
   */
  readonly memberRoleName?: string | false;
  /** ExternalId the function passes when assuming the member role (the member stack's `externalId`). */
  readonly memberExternalId?: string;
  readonly reconcileEvery?: Duration;
  /** Alarm when no CloudTrail event was processed for this many hours (the detector went quiet). */
  readonly quietHours?: number;
  /** Pre-built code (tests that must not bundle); default bundles src/events/lambda-handler.ts. */
  readonly code?: lambda.Code;
}

export class PerimeterDetectorStack extends Stack {
  readonly topic: sns.Topic;
  readonly fn: lambda.Function;
  readonly dlq: sqs.Queue;
  readonly idempotencyTable: dynamodb.Table;

  constructor(scope: Construct, id: string, props: PerimeterDetectorStackProps = {}) {
    super(scope, id, props);
    const quietHours = props.quietHours ?? 24;
    this.topic = new sns.Topic(this, 'EscalationTopic', { displayName: 'perimeter escalations' });
    this.dlq = new sqs.Queue(this, 'DeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
    });

    // Keys are transient (claims live a day, done keys 30 days by TTL) and the audit trail is in
    // CloudWatch Logs, not here: DESTROY. Retaining would orphan a table with a generated name that a
    // re-created stack never reads again, so it protects nothing. Point-in-time recovery covers bad
    // writes while the stack lives.
    this.idempotencyTable = new dynamodb.Table(this, 'IdempotencyTable', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const role = new iam.Role(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'perimeter detector: describe and remediate only',
    });
    role.addManagedPolicy(
      iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'),
    );
    role.addToPolicy(
      new iam.PolicyStatement({ sid: 'Describe', actions: [...describeActions], resources: ['*'] }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'Remediate',
        actions: [...remediationActions],
        // This account's EC2 resources only; member accounts through memberRoleName.
        resources: [`arn:${Aws.PARTITION}:ec2:*:${Aws.ACCOUNT_ID}:*`],
      }),
    );
    const memberRoleName =
      props.memberRoleName === false ? undefined : (props.memberRoleName ?? PERIMETER_MEMBER_ROLE_NAME);
    if (memberRoleName !== undefined) {
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'AssumeMemberRole',
          actions: ['sts:AssumeRole'],
          resources: memberRoleArns(memberRoleName, props.organization),
        }),
      );
    }
    this.topic.grantPublish(role);
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'IdempotencyTable',
        actions: [...idempotencyActions],
        resources: [this.idempotencyTable.tableArn],
      }),
    );

    const environment: Record<string, string> = {
      PERIMETER_MODE: props.mode ?? 'dry-run',
      PERIMETER_TOPIC_ARN: this.topic.topicArn,
      PERIMETER_HOME_ACCOUNT: Aws.ACCOUNT_ID,
      PERIMETER_IDEMPOTENCY_TABLE: this.idempotencyTable.tableName,
      PERIMETER_INTENT: JSON.stringify(props.intent ?? {}),
      ...(props.organization ? { PERIMETER_ORGANIZATION: JSON.stringify(props.organization) } : {}),
      ...(memberRoleName !== undefined ? { PERIMETER_ROLE_NAME: memberRoleName } : {}),
      ...(memberRoleName !== undefined && props.memberExternalId !== undefined
        ? { PERIMETER_EXTERNAL_ID: props.memberExternalId }
        : {}),
    };
    // Lambda allows 4 KB of environment variables in total (keys and values); a large organization
    // document does not fit. https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
    const configBytes = Buffer.byteLength(
      (environment.PERIMETER_INTENT ?? '') + (environment.PERIMETER_ORGANIZATION ?? ''),
      'utf8',
    );
    const fixed = fixedEnvironmentBytes(environment);
    if (configBytes + fixed > LAMBDA_ENVIRONMENT_BYTES) {
      throw new Error(
        `intent + organization document are ${configBytes} bytes; Lambda environment variables are limited to 4 KB in total (expected at most ${LAMBDA_ENVIRONMENT_BYTES - fixed} bytes here, the other variables take up to ${fixed}: trim the organization document to Accounts[].Id/ParentId and OrganizationalUnits)`,
      );
    }
    const common = {
      runtime: lambda.Runtime.NODEJS_22_X,
      role,
      // Remediation re-describes, acts and polls for verification with backoff (worst case about
      // 3 passes × (visibility + verification polling) ≈ 5 minutes for one detection): 10 minutes,
      // below the 15-minute idempotency lease (src/events/idempotency.ts), so a live claim is never
      // taken over by a re-delivery.
      timeout: Duration.minutes(10),
      memorySize: 512,
      environment,
      deadLetterQueue: this.dlq,
      retryAttempts: 2,
      description: 'perimeter: event-driven detection and remediation with verification (seed 000)',
    };
    this.fn = props.code
      ? new lambda.Function(this, 'Handler', { ...common, code: props.code, handler: 'index.handler' })
      : new NodejsFunction(this, 'Handler', {
          ...common,
          entry: join(repoRoot, 'src', 'events', 'lambda-handler.ts'),
          handler: 'handler',
          projectRoot: repoRoot,
          depsLockFilePath: join(repoRoot, 'package-lock.json'),
          bundling: {
            // Local esbuild only (devDependency); never Docker.
            // https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_lambda_nodejs-readme.html#local-bundling
            forceDockerBundling: false,
            format: OutputFormat.ESM,
            target: 'node22',
            minify: true,
            sourceMap: false,
            // Bundle the pinned SDK v3 instead of the runtime's copy (same version as the tests).
            externalModules: [],
            banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
          },
        });

    // Failed calls carry errorCode; only successful calls change anything.
    // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-exists-matching
    const rule = new events.Rule(this, 'Ec2ApiCalls', {
      description: 'EC2 API calls perimeter detects (successful calls only)',
      eventPattern: {
        source: ['aws.ec2'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['ec2.amazonaws.com'],
          eventName: [...detectedEventNames],
          errorCode: [{ exists: false }],
        },
      },
    });
    rule.addTarget(
      new targets.LambdaFunction(this.fn, {
        deadLetterQueue: this.dlq,
        retryAttempts: 4,
        maxEventAge: Duration.hours(2),
      }),
    );

    const schedule = new events.Rule(this, 'ReconcileSchedule', {
      description: 'scheduled reconcile: the backstop for lost or late events',
      schedule: events.Schedule.rate(props.reconcileEvery ?? Duration.minutes(15)),
    });
    schedule.addTarget(new targets.LambdaFunction(this.fn, { deadLetterQueue: this.dlq, retryAttempts: 2 }));

    const notify = new cwActions.SnsAction(this.topic);
    const metric = (name: string, period: Duration) =>
      new cloudwatch.Metric({ namespace: 'Perimeter', metricName: name, statistic: 'Sum', period });
    const alarms = [
      new cloudwatch.Alarm(this, 'HandlerErrors', {
        alarmDescription: 'perimeter handler invocations failed (includes failed escalations)',
        metric: this.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'DeadLetters', {
        alarmDescription: 'events perimeter could not process are waiting in the DLQ',
        metric: this.dlq.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'EscalationsAlarm', {
        alarmDescription: 'a remediation failed or could not be verified',
        metric: metric('Escalations', Duration.minutes(5)),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'DetectorQuiet', {
        alarmDescription: `no CloudTrail event processed for ${quietHours} hours: the trail, the rule or the function may be broken`,
        metric: metric('EventsProcessed', Duration.hours(1)),
        threshold: 1,
        evaluationPeriods: quietHours,
        datapointsToAlarm: quietHours,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        // No data at all is the failure we are looking for.
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
      new cloudwatch.Alarm(this, 'ReconcileMissed', {
        alarmDescription: 'the scheduled reconcile did not complete in the last hour',
        metric: metric('ReconcileRuns', Duration.hours(1)),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
    ];
    for (const a of alarms) a.addAlarmAction(notify);

    new CfnOutput(this, 'EscalationTopicArn', { value: this.topic.topicArn });
    new CfnOutput(this, 'HandlerName', { value: this.fn.functionName });
    // The member role stack's detectorRoleArn (its only trusted principal).
    new CfnOutput(this, 'HandlerRoleArn', { value: role.roleArn });
    new CfnOutput(this, 'IdempotencyTableName', { value: this.idempotencyTable.tableName });
  }
}
