// The AWS services the collector talks to: their SDK v3 client class, the IAM action prefix of
// their operations (for --print-policy) and whether they are global (one endpoint per partition).
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { RDSClient } from '@aws-sdk/client-rds';
import { Route53Client } from '@aws-sdk/client-route-53';
import { STSClient } from '@aws-sdk/client-sts';

export interface ServiceClients {
  readonly ec2: EC2Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly iam: IAMClient;
  readonly organizations: OrganizationsClient;
  readonly rds: RDSClient;
  readonly route53: Route53Client;
  readonly sts: STSClient;
}

export type ServiceId = keyof ServiceClients;

export const serviceIds: readonly ServiceId[] = [
  'ec2',
  'elbv2',
  'iam',
  'organizations',
  'rds',
  'route53',
  'sts',
];

/** Prefix of the service's actions in IAM policies (the service authorization reference). */
export const iamPrefix: Readonly<Record<ServiceId, string>> = {
  ec2: 'ec2',
  elbv2: 'elasticloadbalancing',
  iam: 'iam',
  organizations: 'organizations',
  rds: 'rds',
  route53: 'route53',
  sts: 'sts',
};

/**
 * IAM, Route 53 and Organizations are global: their commercial-partition endpoints live in
 * us-east-1 (https://docs.aws.amazon.com/general/latest/gr/rande.html#global-endpoints).
 */
export const GLOBAL_SERVICE_REGION = 'us-east-1';

export const clientClasses: { readonly [S in ServiceId]: new (config: object) => ServiceClients[S] } = {
  ec2: EC2Client,
  elbv2: ElasticLoadBalancingV2Client,
  iam: IAMClient,
  organizations: OrganizationsClient,
  rds: RDSClient,
  route53: Route53Client,
  sts: STSClient,
};

/** A command class as the SDK exports it (`DescribeVpcsCommand`). */
export interface CommandClass {
  readonly name: string;
}

/** `DescribeVpcsCommand` → `DescribeVpcs` (the API operation name). */
export function operationOf(command: CommandClass): string {
  if (!command.name.endsWith('Command')) {
    throw new Error(
      `SDK command class name ${JSON.stringify(command.name)} does not end in "Command" (expected e.g. DescribeVpcsCommand)`,
    );
  }
  return command.name.slice(0, -'Command'.length);
}

/** `ec2` + `DescribeVpcsCommand` → `ec2:DescribeVpcs`. */
export function iamActionOf(service: ServiceId, command: CommandClass): string {
  return `${iamPrefix[service]}:${operationOf(command)}`;
}
