// Everything the remediator and the live reconciler need from AWS, as one interface. The SDK
// implementation is aws-sdk-port.ts; tests drive the remediator through it with aws-sdk-client-mock.
// A port is bound to one account and region (`PortFactory`). Methods throw the SDK's errors; the
// remediator classifies them by `name` (awsErrorCode).
import type { RouteDestination } from './event-types.js';

export interface PeeringView {
  readonly id: string;
  readonly status: string;
  readonly requesterAccountId?: string;
  readonly requesterVpcId?: string;
  readonly accepterAccountId?: string;
  readonly accepterVpcId?: string;
  readonly expirationTime?: string;
}

export interface RouteRef {
  readonly routeTableId: string;
  readonly destination: RouteDestination;
}

export interface InternetGatewayView {
  readonly id: string;
  readonly attachments: readonly { readonly vpcId: string; readonly state: string }[];
}

export interface SecurityGroupRuleView {
  readonly ruleId: string;
  readonly isEgress: boolean;
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrV4?: string;
  readonly cidrV6?: string;
  readonly prefixListId?: string;
}

export interface AwsPort {
  /** undefined when DescribeVpcPeeringConnections does not return it (not visible yet, or gone). */
  describePeering(pcxId: string): Promise<PeeringView | undefined>;
  deletePeering(pcxId: string): Promise<void>;
  rejectPeering(pcxId: string): Promise<void>;
  /** Routes (in this account/region) whose target is the given pcx-… or igw-…. */
  describeRoutesTargeting(targetId: string): Promise<RouteRef[]>;
  deleteRoute(route: RouteRef): Promise<void>;
  describeInternetGateway(igwId: string): Promise<InternetGatewayView | undefined>;
  detachInternetGateway(igwId: string, vpcId: string): Promise<void>;
  deleteInternetGateway(igwId: string): Promise<void>;
  /** undefined when the group does not exist (yet). */
  describeSecurityGroupRules(groupId: string): Promise<SecurityGroupRuleView[] | undefined>;
  revokeSecurityGroupIngress(groupId: string, ruleIds: readonly string[]): Promise<void>;
  /** Escalation / notification (SNS). */
  publish(subject: string, message: string): Promise<void>;
  /** Live reconcile: raw AWS responses ({"VpcPeeringConnections": [...]}, …) for buildEstate. */
  collectState(): Promise<Record<string, unknown>[]>;
}

export type PortFactory = (accountId: string, region: string) => AwsPort;

/**
 * Every EC2 API the SDK port (aws-sdk-port.ts) calls, as IAM actions: what a role the port runs
 * under needs, no more. test/events/aws-sdk-port-actions.test.ts reads aws-sdk-port.ts and fails
 * when a command is called there that is not listed here (or listed and no longer called); the
 * detector stack and the member role stack (infra/lib/) grant exactly these lists.
 * Describe* support no resource-level permissions (Resource "*").
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
export const EC2_DESCRIBE_ACTIONS = [
  'ec2:DescribeInternetGateways',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSecurityGroupRules',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeVpcEndpoints',
  'ec2:DescribeVpcPeeringConnections',
  'ec2:DescribeVpcs',
] as const;

/** The EC2 calls that change something (remediation), as IAM actions. */
export const EC2_REMEDIATION_ACTIONS = [
  'ec2:DeleteInternetGateway',
  'ec2:DeleteRoute',
  'ec2:DeleteVpcPeeringConnection',
  'ec2:DetachInternetGateway',
  'ec2:RejectVpcPeeringConnection',
  'ec2:RevokeSecurityGroupIngress',
] as const;

export type Ec2DescribeAction = (typeof EC2_DESCRIBE_ACTIONS)[number];
export type Ec2RemediationAction = (typeof EC2_REMEDIATION_ACTIONS)[number];

/** The AWS error code of an SDK error (EC2 puts it in `name`, e.g. InvalidVpcPeeringConnectionID.NotFound). */
export function awsErrorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const e = err as { name?: unknown; Code?: unknown; code?: unknown };
    for (const v of [e.Code, e.code, e.name])
      if (typeof v === 'string' && v !== '' && v !== 'Error') return v;
  }
  return 'UnknownError';
}

export function awsErrorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Throttling: retried with backoff. EC2 says RequestLimitExceeded.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/throttling.html
 */
export function isThrottling(code: string): boolean {
  return (
    code === 'RequestLimitExceeded' ||
    code === 'Throttling' ||
    code === 'ThrottlingException' ||
    code === 'TooManyRequestsException' ||
    code === 'ServiceUnavailable' ||
    code === 'Unavailable' ||
    code === 'InternalError'
  );
}

/** "Not found" codes: the resource is gone, or not visible yet (EC2 is eventually consistent). */
export function isNotFound(code: string): boolean {
  return code.endsWith('.NotFound');
}
