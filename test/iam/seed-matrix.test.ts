// Credential type × network path × aws:ViaAWSService for the two seed-001 policies, the DOMAIN.md
// form of the same pattern and the seed-003 NotIpAddress policy. Contexts come from
// buildRequestContext (DOMAIN.md §1); each expected value is justified next to its table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileDocument } from '../../src/iam/compile.js';
import { buildRequestContext, type Credential, type NetworkPath } from '../../src/iam/context.js';
import { evaluate } from '../../src/iam/evaluate.js';
import { parsePrincipalArn } from '../../src/iam/principal.js';
import { makeRequest } from '../../src/iam/request.js';
import { allowAll } from './helpers.js';

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
const INSTANCE_IP = '10.0.1.10';

const credentials: Record<string, Credential> = {
  ec2: {
    kind: 'ec2-instance-role',
    roleArn: ROLE,
    sessionArn: `arn:aws:sts::${ACCOUNT}:assumed-role/app/i-0abc`,
    instanceArn: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`,
    instanceVpcId: 'vpc-app',
    instancePrivateIp: INSTANCE_IP,
    tags: {},
  },
  lambda: {
    kind: 'role',
    roleArn: `arn:aws:iam::${ACCOUNT}:role/fn`,
    sessionArn: `arn:aws:sts::${ACCOUNT}:assumed-role/fn/fn-session`,
    tags: {},
  },
  user: { kind: 'user', userArn: `arn:aws:iam::${ACCOUNT}:user/alice`, tags: {} },
};

const paths: Record<string, NetworkPath> = {
  // The instance's own VPC endpoint: SourceVpc = own VPC, VpcSourceIp = its private IP.
  'own-endpoint': {
    kind: 'endpoint',
    endpointVpcId: 'vpc-app',
    endpointId: 'vpce-own',
    vpcSourceIp: INSTANCE_IP,
  },
  // Own VPC through a NAT gateway: SourceIp = the NAT's EIP.
  'own-nat': { kind: 'internet', sourceIp: '198.51.100.20' },
  // Own VPC through the IGW with the instance's public IP (seed 003's Luke).
  'own-igw': { kind: 'internet', sourceIp: '203.0.113.10' },
  // A centralized endpoint in the hub VPC: SourceVpc = the hub (DOMAIN.md §1).
  'hub-endpoint': {
    kind: 'endpoint',
    endpointVpcId: 'vpc-hub',
    endpointId: 'vpce-hub',
    vpcSourceIp: INSTANCE_IP,
  },
  // Stolen credentials used through another VPC's endpoint.
  'other-vpc-endpoint': {
    kind: 'endpoint',
    endpointVpcId: 'vpc-other',
    endpointId: 'vpce-other',
    vpcSourceIp: '10.9.0.5',
  },
  // Stolen credentials used from the internet.
  internet: { kind: 'internet', sourceIp: '192.0.2.66' },
};

function load(name: string): unknown {
  return (
    JSON.parse(readFileSync(new URL(`../scenarios/iam/${name}.json`, import.meta.url), 'utf8')) as {
      policy: unknown;
    }
  ).policy;
}

function decision(
  policyFile: string,
  cred: string,
  path: string,
  via: boolean,
  action = 's3:GetObject',
): string {
  const c = credentials[cred]!;
  const built = buildRequestContext({
    credential: c,
    path: paths[path]!,
    viaAwsService: via,
    principalOrgId: 'o-abc',
  });
  const principal =
    c.kind === 'user'
      ? parsePrincipalArn(c.userArn)
      : parsePrincipalArn(c.sessionArn, { roleArn: c.roleArn });
  const req = makeRequest({
    principal,
    action,
    resource: 'arn:aws:s3:::data/x',
    resourceAccount: ACCOUNT,
    context: built.context,
  });
  const guard = compileDocument(load(policyFile), 'identity', policyFile);
  return evaluate({ identity: [allowAll(), guard] }, req).decision;
}

const A = 'Allowed';
const D = 'ExplicitlyDenied';
const pathNames = Object.keys(paths);

// seed-001 (both statements, key aws:EC2InstanceSourceVPC vs ${aws:SourceVpc}):
// - EC2 credentials: the Null ec2:SourceInstanceARN=false condition holds. Only the own endpoint
//   gives aws:SourceVpc = own VPC and aws:VpcSourceIp = own private IP, so neither StringNotEquals
//   holds → Allowed. On the internet paths (NAT, IGW, stolen) aws:SourceVpc / aws:VpcSourceIp are
//   absent, the variable has no value and the negated operator matches → Deny (DOMAIN.md §2, §4:
//   including the legitimate instance going through a NAT). Hub and other endpoints carry another
//   VPC id → Deny.
// - via an AWS service: BoolIfExists aws:ViaAWSService=false fails → no Deny → Allowed.
// - Lambda role and user keys: ec2:SourceInstanceARN absent (DOMAIN.md §1) → Null=false fails → Allowed.
const seed001Ec2: Record<string, string> = {
  'own-endpoint': A,
  'own-nat': D,
  'own-igw': D,
  'hub-endpoint': D,
  'other-vpc-endpoint': D,
  internet: D,
};

describe.each(['seed-001-scp', 'seed-001-notaction', 'domain-doc-pattern'])('%s', (file) => {
  it.each(pathNames)('EC2 instance credentials, path %s, not via a service', (path) => {
    expect(decision(file, 'ec2', path, false)).toBe(seed001Ec2[path]);
  });
  it.each(pathNames)('EC2 instance credentials, path %s, via an AWS service → Allowed', (path) => {
    expect(decision(file, 'ec2', path, true)).toBe(A);
  });
  it.each(
    pathNames.flatMap((p) => [
      ['lambda', p],
      ['user', p],
    ]),
  )('%s credentials, path %s → Allowed (no ec2:SourceInstanceARN)', (cred, path) => {
    expect(decision(file, cred!, path!, false)).toBe(A);
    expect(decision(file, cred!, path!, true)).toBe(A);
  });
});

describe('seed-001 NotAction exception', () => {
  it('cloudfront:ListDistributions stays allowed from the internet; other actions are denied', () => {
    expect(decision('seed-001-notaction', 'ec2', 'internet', false, 'cloudfront:ListDistributions')).toBe(A);
    expect(decision('seed-001-scp', 'ec2', 'internet', false, 'cloudfront:ListDistributions')).toBe(D);
  });
});

// seed-003 NotIpAddress aws:SourceIp [instance public IP], attached to the principal: it does not
// look at the credential type. Only the own IGW path has aws:SourceIp = the listed IP → Allowed.
// NAT and stolen-from-internet carry another address → Deny. Endpoint paths have no aws:SourceIp,
// and NotIpAddress on an absent key is true → Deny (DOMAIN.md §2, §4 L9). Via an AWS service the
// caller's address is not seen → Deny (DOMAIN.md §4 L9).
const seed003: Record<string, string> = {
  'own-endpoint': D,
  'own-nat': D,
  'own-igw': A,
  'hub-endpoint': D,
  'other-vpc-endpoint': D,
  internet: D,
};

describe('seed-003-notipaddress', () => {
  it.each(Object.keys(credentials).flatMap((c) => pathNames.map((p) => [c, p])))(
    '%s credentials, path %s',
    (cred, path) => {
      expect(decision('seed-003-notipaddress', cred!, path!, false)).toBe(seed003[path!]);
      expect(decision('seed-003-notipaddress', cred!, path!, true)).toBe(D);
    },
  );
});
