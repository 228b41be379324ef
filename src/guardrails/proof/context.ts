// The request context a credential type and a network path produce (DOMAIN.md §1):
// - over the internet: aws:SourceIp; no aws:SourceVpc / aws:SourceVpce / aws:VpcSourceIp;
// - through a VPC endpoint: aws:SourceVpc (the endpoint's VPC), aws:SourceVpce, aws:VpcSourceIp;
//   no aws:SourceIp;
// - EC2 instance-role credentials carry aws:EC2InstanceSourceVPC, aws:EC2InstanceSourcePrivateIPv4
//   and ec2:SourceInstanceARN wherever they are used (stolen ones too); other roles do not;
// - aws:ViaAWSService is always present.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
export type NetworkPath =
  | { readonly kind: 'internet'; readonly sourceIp: string; readonly label: string }
  | {
      readonly kind: 'endpoint';
      readonly vpcId: string;
      readonly vpceId: string;
      readonly vpcSourceIp: string;
      readonly vpceAccount?: string;
      readonly vpceOrgId?: string;
      readonly label: string;
    }
  | { readonly kind: 'aws-service'; readonly service: string; readonly label: string };

export interface Ec2Credential {
  readonly instanceArn: string;
  readonly vpcId: string;
  readonly privateIp: string;
}

export interface ContextInput {
  readonly path: NetworkPath;
  readonly region: string;
  readonly principalAccount: string;
  /** The caller's organization, when its account is in one. */
  readonly principalOrgId?: string;
  readonly ec2?: Ec2Credential;
  readonly tags?: Readonly<Record<string, string>>;
}

export function requestContext(input: ContextInput): Record<string, string | string[]> {
  const c: Record<string, string | string[]> = {};
  c['aws:RequestedRegion'] = input.region;
  c['aws:PrincipalAccount'] = input.principalAccount;
  c['aws:PrincipalIsAWSService'] = 'false';
  if (input.principalOrgId !== undefined) c['aws:PrincipalOrgID'] = input.principalOrgId;
  if (input.ec2 !== undefined) {
    c['ec2:SourceInstanceARN'] = input.ec2.instanceArn;
    c['aws:EC2InstanceSourceVPC'] = input.ec2.vpcId;
    c['aws:EC2InstanceSourcePrivateIPv4'] = input.ec2.privateIp;
  }
  for (const [k, v] of Object.entries(input.tags ?? {}).sort()) c[`aws:PrincipalTag/${k}`] = v;
  const p = input.path;
  switch (p.kind) {
    case 'internet':
      c['aws:ViaAWSService'] = 'false';
      c['aws:SourceIp'] = p.sourceIp;
      break;
    case 'endpoint':
      c['aws:ViaAWSService'] = 'false';
      c['aws:SourceVpc'] = p.vpcId;
      c['aws:SourceVpce'] = p.vpceId;
      c['aws:VpcSourceIp'] = p.vpcSourceIp;
      if (p.vpceAccount !== undefined) c['aws:VpceAccount'] = p.vpceAccount;
      if (p.vpceOrgId !== undefined) c['aws:VpceOrgID'] = p.vpceOrgId;
      break;
    case 'aws-service':
      // Forward access sessions: the service calls with the principal's credentials.
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_forward_access_sessions.html
      c['aws:ViaAWSService'] = 'true';
      c['aws:CalledVia'] = [p.service];
      break;
  }
  return c;
}

/** Addresses used for callers that are not ours (TEST-NET-2/3, RFC 5737). */
export const attackerIp = '198.51.100.7';
export const attackerVpc = 'vpc-0badc0ffee0000001';
export const attackerVpce = 'vpce-0badc0ffee0000001';
export const attackerAccount = '210987654321';
export const attackerOrgId = 'o-attacker0000';
