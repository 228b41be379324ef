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

const ALWAYS_LISTED = [
  ...NETWORK_KEYS,
  ...EC2_KEYS,
  'aws:ViaAWSService',
  'aws:PrincipalIsAWSService',
  'aws:PrincipalArn',
  'aws:PrincipalAccount',
  'aws:PrincipalType',
  'aws:PrincipalOrgID',
] as const;
const LOWER = new Map<string, string>(
  [...ALWAYS_LISTED, 'aws:username', 'aws:RequestedRegion'].map((k) => [k.toLowerCase(), k]),
);
const ACCOUNT_RE = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/;

function put(m: Map<string, ContextValue>, lowerKey: string, v: Known<string> | undefined): void {
  if (v === undefined) return;
  m.set(lowerKey, v === UNKNOWN ? UNKNOWN : [v]);
}

/** The context map alone (lower-cased keys), for hot paths; buildRequestContext adds the key report. */
export function requestContextMap(input: ContextInput): Map<string, ContextValue> {
  const m = new Map<string, ContextValue>();
  const { credential: cred, path } = input;
  if (!input.viaAwsService) {
    if (path.kind === 'internet') put(m, 'aws:sourceip', path.sourceIp);
    else {
      put(m, 'aws:sourcevpc', path.endpointVpcId);
      put(m, 'aws:sourcevpce', path.endpointId);
      put(m, 'aws:vpcsourceip', path.vpcSourceIp);
    }
  }
  if (cred.kind === 'ec2-instance-role') {
    put(m, 'aws:ec2instancesourcevpc', cred.instanceVpcId);
    put(m, 'aws:ec2instancesourceprivateipv4', cred.instancePrivateIp);
    put(m, 'ec2:sourceinstancearn', cred.instanceArn);
  }
  m.set('aws:viaawsservice', [input.viaAwsService ? 'true' : 'false']);
  m.set('aws:principalisawsservice', ['false']);
  m.set('aws:principalarn', [cred.kind === 'user' ? cred.userArn : cred.roleArn]);
  put(m, 'aws:principalaccount', ACCOUNT_RE.exec(principalArnOf(cred))?.[1]);
  m.set('aws:principaltype', [cred.kind === 'user' ? 'User' : 'AssumedRole']);
  if (cred.kind === 'user') m.set('aws:username', [cred.userArn.slice(cred.userArn.lastIndexOf('/') + 1)]);
  put(m, 'aws:principalorgid', input.principalOrgId);
  put(m, 'aws:requestedregion', input.requestedRegion);
  for (const k in cred.tags) m.set(`aws:principaltag/${k.toLowerCase()}`, [cred.tags[k] as string]);
  return m;
}

/** Builds the request context for one credential on one path, with the present/absent/unknown report. */
export function buildRequestContext(input: ContextInput): BuiltContext {
  const context = requestContextMap(input);
  const names = new Map(LOWER);
  for (const k of Object.keys(input.credential.tags))
    names.set(`aws:principaltag/${k.toLowerCase()}`, `aws:PrincipalTag/${k}`);
  const present: string[] = [];
  const absent: string[] = [];
  const unknown: string[] = [];
  for (const [lower, v] of context) (v === UNKNOWN ? unknown : present).push(names.get(lower) ?? lower);
  for (const k of ALWAYS_LISTED) if (!context.has(k.toLowerCase())) absent.push(k);
  return { context, present: present.sort(), absent: absent.sort(), unknown: unknown.sort() };
}
