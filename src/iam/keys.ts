// What we know about condition keys: documented global keys and which of them are multivalued.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
// (list as of this writing; a key missing here is reported as "not a documented global key", info).

const globalKeys = [
  'aws:AssumedRoot',
  'aws:ChatbotSourceArn',
  'aws:CalledVia',
  'aws:CalledViaFirst',
  'aws:CalledViaLast',
  'aws:CurrentTime',
  'aws:EC2InstanceSourcePrivateIPv4',
  'aws:EC2InstanceSourceVPC',
  'aws:EpochTime',
  'aws:FederatedProvider',
  'aws:MultiFactorAuthAge',
  'aws:MultiFactorAuthPresent',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:PrincipalIsAWSService',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalServiceName',
  'aws:PrincipalServiceNamesList',
  'aws:PrincipalType',
  'aws:Referer',
  'aws:RequestedRegion',
  'aws:ResourceAccount',
  'aws:ResourceOrgID',
  'aws:ResourceOrgPaths',
  'aws:SecureTransport',
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceIdentity',
  'aws:SourceIp',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:SourceVpc',
  'aws:SourceVpcArn',
  'aws:SourceVpce',
  'aws:TagKeys',
  'aws:TokenIssueTime',
  'aws:UserAgent',
  'aws:userid',
  'aws:username',
  'aws:ViaAWSService',
  'aws:VpceAccount',
  'aws:VpceOrgID',
  'aws:VpceOrgPaths',
  'aws:VpcSourceIp',
];
const tagPrefixes = ['aws:principaltag/', 'aws:requesttag/', 'aws:resourcetag/'];
const known = new Set(globalKeys.map((k) => k.toLowerCase()));

/** Multivalued global keys (the rest are single-valued). */
const multivalued = new Set(
  [
    'aws:CalledVia',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalServiceNamesList',
    'aws:ResourceOrgPaths',
    'aws:SourceOrgPaths',
    'aws:TagKeys',
    'aws:VpceOrgPaths',
  ].map((k) => k.toLowerCase()),
);

export function isGlobalKey(key: string): boolean {
  const k = key.toLowerCase();
  return k.startsWith('aws:');
}

/** A documented global key (tag keys included). */
export function isKnownGlobalKey(key: string): boolean {
  const k = key.toLowerCase();
  return known.has(k) || tagPrefixes.some((p) => k.startsWith(p) && k.length > p.length);
}

/** True for global keys documented as single-valued; false for multivalued and non-global keys. */
export function isSingleValuedGlobalKey(key: string): boolean {
  const k = key.toLowerCase();
  return isKnownGlobalKey(k) && !multivalued.has(k);
}

/**
 * Service keys that travel with the credentials and so appear on calls to any service
 * (ec2:SourceInstanceARN on EC2 instance-role credentials, DOMAIN.md §1; Glue and Lambda role keys
 * used by the AWS data-perimeter samples).
 */
const credentialKeys = new Set(
  [
    'ec2:SourceInstanceARN',
    'glue:RoleAssumedBy',
    'glue:CredentialIssuingService',
    'lambda:SourceFunctionArn',
  ].map((k) => k.toLowerCase()),
);
export function isCredentialKey(key: string): boolean {
  return credentialKeys.has(key.toLowerCase());
}
