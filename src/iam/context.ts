// The request context AWS builds for a call, from the credential type and the network path
// (DOMAIN.md §1). Every key is present (with a value), absent, or UNKNOWN (the data does not tell
// us) — unknown is reported, never guessed.
//
// - Over the internet (IGW, NAT, TGW egress, or from outside AWS): aws:SourceIp = the public / NAT
//   address; aws:SourceVpc, aws:SourceVpce, aws:VpcSourceIp absent.
// - Through a VPC endpoint: aws:SourceVpc = the ENDPOINT's VPC (the hub VPC for centralized
//   endpoints), aws:SourceVpce, aws:VpcSourceIp = the caller's private IP; aws:SourceIp absent.
// - aws:EC2InstanceSourceVPC, aws:EC2InstanceSourcePrivateIPv4, ec2:SourceInstanceARN depend only
//   on the credential type (EC2 instance-role credentials) and travel with stolen credentials.
// - aws:ViaAWSService is always present. When an AWS service calls on the principal's behalf, the
//   target service does not see the caller's network: we leave the network keys absent (the AWS
//   Knowledge Center "iam-restrict-calls-ip-addresses": the target sees the calling service, not the
//   originating IP; DOMAIN.md §4 L9: such calls are denied by NotIpAddress aws:SourceIp).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
import { UNKNOWN, type ContextValue } from './request.js';

export type Known<T> = T | typeof UNKNOWN;

export type Credential =
  | {
      /** Credentials from the instance metadata service of an EC2 instance (instance profile). */
      readonly kind: 'ec2-instance-role';
      readonly sessionArn: string;
      readonly roleArn: string;
      readonly instanceArn: string;
      readonly instanceVpcId: Known<string>;
      readonly instancePrivateIp: Known<string>;
      readonly tags: Readonly<Record<string, string>>;
    }
  | {
      /** Any other role session (Lambda, ECS task, EKS pod, a human assuming a role). */
      readonly kind: 'role';
      readonly sessionArn: string;
      readonly roleArn: string;
      readonly tags: Readonly<Record<string, string>>;
    }
  | {
      /** An IAM user's access key. */
      readonly kind: 'user';
      readonly userArn: string;
      readonly tags: Readonly<Record<string, string>>;
    };

export type NetworkPath =
  | {
      /** Leaves for the internet (NAT, IGW, TGW egress) or starts outside AWS. */
      readonly kind: 'internet';
      readonly sourceIp: Known<string>;
    }
  | {
      /** Through an interface or gateway VPC endpoint. */
      readonly kind: 'endpoint';
      /** The endpoint's VPC (not the caller's, for a centralized hub endpoint). */
      readonly endpointVpcId: string;
      readonly endpointId: string;
      readonly vpcSourceIp: Known<string>;
    };

export interface ContextInput {
  readonly credential: Credential;
  readonly path: NetworkPath;
  readonly viaAwsService: boolean;
  /** Organization id of the principal's account; UNKNOWN when the estate has no org data; undefined = not in an org. */
  readonly principalOrgId?: Known<string>;
  /** Region the request is sent to, when known. */
  readonly requestedRegion?: string;
}

export interface BuiltContext {
  readonly context: Map<string, ContextValue>;
  /** Keys with a value, keys known absent and keys we cannot know (sorted, original spelling). */
  readonly present: readonly string[];
  readonly absent: readonly string[];
  readonly unknown: readonly string[];
}

const NETWORK_KEYS = ['aws:SourceIp', 'aws:SourceVpc', 'aws:SourceVpce', 'aws:VpcSourceIp'] as const;
const EC2_KEYS = [
  'aws:EC2InstanceSourceVPC',
  'aws:EC2InstanceSourcePrivateIPv4',
  'ec2:SourceInstanceARN',
] as const;

export function principalArnOf(c: Credential): string {
  return c.kind === 'user' ? c.userArn : c.sessionArn;
}

/** Builds the request context for one credential on one path. */
export function buildRequestContext(input: ContextInput): BuiltContext {
  const values = new Map<string, Known<string> | undefined>();
  const set = (k: string, v: Known<string> | undefined): void => {
    values.set(k, v);
  };
  const { credential: cred, path } = input;

  // Network keys.
  for (const k of NETWORK_KEYS) set(k, undefined);
  if (!input.viaAwsService) {
    if (path.kind === 'internet') set('aws:SourceIp', path.sourceIp);
    else {
      set('aws:SourceVpc', path.endpointVpcId);
      set('aws:SourceVpce', path.endpointId);
      set('aws:VpcSourceIp', path.vpcSourceIp);
    }
  }
  // Credential keys.
  for (const k of EC2_KEYS) set(k, undefined);
  if (cred.kind === 'ec2-instance-role') {
    set('aws:EC2InstanceSourceVPC', cred.instanceVpcId);
    set('aws:EC2InstanceSourcePrivateIPv4', cred.instancePrivateIp);
    set('ec2:SourceInstanceARN', cred.instanceArn);
  }
  set('aws:ViaAWSService', input.viaAwsService ? 'true' : 'false');
  set('aws:PrincipalIsAWSService', 'false');
  set('aws:PrincipalArn', cred.kind === 'user' ? cred.userArn : cred.roleArn);
  const account = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principalArnOf(cred))?.[1];
  set('aws:PrincipalAccount', account);
  set('aws:PrincipalType', cred.kind === 'user' ? 'User' : 'AssumedRole');
  if (cred.kind === 'user') set('aws:username', cred.userArn.slice(cred.userArn.lastIndexOf('/') + 1));
  set('aws:PrincipalOrgID', input.principalOrgId);
  if (input.requestedRegion !== undefined) set('aws:RequestedRegion', input.requestedRegion);
  for (const [k, v] of Object.entries(cred.tags)) set(`aws:PrincipalTag/${k}`, v);

  const context = new Map<string, ContextValue>();
  const present: string[] = [];
  const absent: string[] = [];
  const unknown: string[] = [];
  for (const [k, v] of values) {
    if (v === undefined) absent.push(k);
    else if (v === UNKNOWN) {
      unknown.push(k);
      context.set(k.toLowerCase(), UNKNOWN);
    } else {
      present.push(k);
      context.set(k.toLowerCase(), [v]);
    }
  }
  return { context, present: present.sort(), absent: absent.sort(), unknown: unknown.sort() };
}
