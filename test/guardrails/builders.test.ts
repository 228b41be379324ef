import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCallerLocks } from '../../src/guardrails/builders/caller-lock.js';
import {
  bindingStatements,
  buildEc2CredentialBinding,
} from '../../src/guardrails/builders/ec2-credential-binding.js';
import { buildEndpointPolicies } from '../../src/guardrails/builders/endpoint-policy.js';
import {
  buildNetworkPerimeter,
  rcpServices,
  vpceOrgIdServices,
} from '../../src/guardrails/builders/network-perimeter.js';
import { buildNoInternetIngress } from '../../src/guardrails/builders/no-internet-ingress.js';
import { buildPeering } from '../../src/guardrails/builders/peering.js';
import { GuardrailError } from '../../src/guardrails/errors.js';
import { splitDraft } from '../../src/guardrails/split.js';
import type { PolicyStatement } from '../../src/guardrails/types.js';
import { intentOf, loadScenario } from './support.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures');
const readFixture = (rel: string): { Statement: { Action: string | string[] }[] } =>
  JSON.parse(readFileSync(join(fixtures, rel), 'utf8')) as { Statement: { Action: string | string[] }[] };
const input = loadScenario('org-estate.yaml');

describe('no-internet-ingress SCP', () => {
  it('denies the same IGW/EIGW/Global Accelerator actions as the AWS example SCP (without its peering actions)', () => {
    const aws = readFixture(
      'policies-scp-examples/Privileged-access-controls/Prevent-creating-or-expanding-public-connectivity-for-VPCs.json',
    );
    const expected = (aws.Statement[0]!.Action as string[]).filter((a) => !a.includes('VpcPeering')).sort();
    const [d] = buildNoInternetIngress(input);
    expect(d!.statements[0]!.Action).toEqual(expected);
    expect(d!.statements[0]!.Condition).toEqual({
      ArnNotLike: { 'aws:PrincipalARN': ['arn:aws:iam::*:role/NetworkAdmin'] },
    });
    expect(d!.attachment).toEqual({ kind: 'org', targetIds: ['ou-root1-prod0001', 'ou-root1-sbox0001'] });
  });

  it('drops egress-only gateways and Global Accelerator when the intent says so', () => {
    const intent = intentOf({
      ...input.rawIntent,
      guardrails: { noInternetIngress: { egressOnlyInternetGateway: false, globalAccelerator: false } },
    });
    const [d] = buildNoInternetIngress({ intent, estate: input.estate });
    expect(d!.statements).toEqual([
      {
        Sid: 'DenyInternetIngressConstructs',
        Effect: 'Deny',
        Action: ['ec2:AttachInternetGateway', 'ec2:CreateInternetGateway'],
        Resource: '*',
      },
    ]);
  });

  it('names a target that is not in the organization', () => {
    const intent = intentOf({ ...input.rawIntent, noInternetIngress: ['ou-root1-nope0001'] });
    expect(() => buildNoInternetIngress({ intent, estate: input.estate })).toThrow(
      'noInternetIngress: target ou-root1-nope0001 is not in the organization of the snapshot (roots and OUs: ou-root1-prod0001, ou-root1-sbox0001, r-root1; or a member account id)',
    );
  });
});

describe('peering SCP', () => {
  it('allows the organization accounts and trustedAccounts by VPC ARN on the peering-connection resource', () => {
    const [d] = buildPeering(input);
    const arns = ['100000000000', '111111111111', '444455556666', '555555555555'].map(
      (a) => `arn:aws:ec2:*:${a}:vpc/*`,
    );
    expect(d!.attachment).toEqual({ kind: 'org', targetIds: ['r-root1'] });
    expect(d!.statements).toEqual([
      {
        Sid: 'DenyPeeringRequestsOutsideTrustedAccounts',
        Effect: 'Deny',
        Action: 'ec2:CreateVpcPeeringConnection',
        Resource: 'arn:aws:ec2:*:*:vpc-peering-connection/*',
        Condition: {
          ArnNotLike: { 'ec2:AccepterVpc': arns, 'aws:PrincipalARN': ['arn:aws:iam::*:role/NetworkAdmin'] },
        },
      },
      {
        Sid: 'DenyPeeringAcceptsOutsideTrustedAccounts',
        Effect: 'Deny',
        Action: 'ec2:AcceptVpcPeeringConnection',
        Resource: 'arn:aws:ec2:*:*:vpc-peering-connection/*',
        Condition: {
          ArnNotLike: { 'ec2:RequesterVpc': arns, 'aws:PrincipalARN': ['arn:aws:iam::*:role/NetworkAdmin'] },
        },
      },
    ]);
  });

  const manyAccounts = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(200000000000 + i) }));

  it('splits the two statements over two SCPs when 100 trusted accounts make them too big together', () => {
    const intent = intentOf({ ...input.rawIntent, trustedAccounts: manyAccounts(100) });
    const parts = splitDraft(buildPeering({ intent, estate: input.estate })[0]!);
    // 103 accounts (3 members + 100 trusted) × 35 bytes ("arn:aws:ec2:*:<id>:vpc/*" quoted + comma) − 1,
    // + 269 bytes of statement around the list + 39 bytes of policy envelope = 3,912 each; 2 × 3,912 > 5,120.
    expect(parts.map((p) => [p.name, p.bytes])).toEqual([
      ['peering-trusted-accounts-part-1', 3912],
      ['peering-trusted-accounts-part-2', 3912],
    ]);
  });

  it('fails when one statement alone exceeds 5,120 bytes (the account list cannot be split)', () => {
    const intent = intentOf({ ...input.rawIntent, trustedAccounts: manyAccounts(150) });
    expect(() => splitDraft(buildPeering({ intent, estate: input.estate })[0]!)).toThrow(
      // 153 accounts: 153 × 35 − 1 + 269 + 39 = 5,662 bytes.
      /peering-trusted-accounts: statement 0 \(Sid DenyPeeringRequestsOutsideTrustedAccounts\) alone makes a 5662-byte scp; the limit is 5120 \(over by 542\)/,
    );
  });
});

describe('EC2 credential binding', () => {
  const binding = input.intent.guardrails.ec2CredentialBinding[0]!;
  it('nat-aware: one statement per VPC with its own NAT addresses, the rest keyed on the NAT-less VPCs', () => {
    const [d] = buildEc2CredentialBinding(input);
    expect(d!.id).toBe('ec2-credentials-sandbox');
    const sts = d!.statements;
    expect(sts.map((s) => s.Sid)).toEqual([
      'DenyEc2CredentialsOutsideOwnVpcNoNat',
      'DenyEc2CredentialsFromAnotherAddress',
      'DenyEc2CredentialsOutsideOwnVpcOrNat1',
      'DenyEc2CredentialsOutsideOwnVpcOrNat2',
    ]);
    for (const s of sts) {
      expect(s.NotAction).toEqual(['cloudfront:ListDistributions']);
      expect(s.Condition!['Null']).toEqual({ 'ec2:SourceInstanceARN': 'false' });
      expect(s.Condition!['BoolIfExists']).toEqual({ 'aws:ViaAWSService': 'false' });
    }
    expect(sts[2]!.Condition).toMatchObject({
      StringEquals: { 'aws:EC2InstanceSourceVPC': 'vpc-0a0000000000000a1' },
      // The hub VPC of the intent's centralized SQS endpoint is accepted (endpointVpcs default).
      StringNotEquals: { 'aws:SourceVpc': ['${aws:EC2InstanceSourceVPC}', 'vpc-0a0000000000000a2'] },
      NotIpAddressIfExists: { 'aws:SourceIp': ['54.240.10.1/32'] },
    });
    expect(sts[3]!.Condition!['NotIpAddressIfExists']).toEqual({ 'aws:SourceIp': ['54.240.20.2/32'] });
    expect(sts[1]!.Condition!['StringEquals']).toEqual({
      'aws:SourceVpc': ['${aws:EC2InstanceSourceVPC}', 'vpc-0a0000000000000a2'],
    });
    expect(sts[0]!.Condition!['StringNotEquals']).toEqual({
      'aws:SourceVpc': ['${aws:EC2InstanceSourceVPC}', 'vpc-0a0000000000000a2'],
      'aws:EC2InstanceSourceVPC': ['vpc-0a0000000000000a1', 'vpc-0a0000000000000a2'],
    });
  });

  it('endpoint-only: the documented pair, aws:SourceVpc = ${aws:EC2InstanceSourceVPC} and aws:VpcSourceIp = ${aws:EC2InstanceSourcePrivateIPv4}', () => {
    const sts = bindingStatements({ ...binding, variant: 'endpoint-only', exceptActions: [] }, new Map());
    const expected: PolicyStatement[] = [
      {
        Sid: 'DenyEc2CredentialsOutsideOwnVpc',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          StringNotEquals: { 'aws:SourceVpc': '${aws:EC2InstanceSourceVPC}' },
          Null: { 'ec2:SourceInstanceARN': 'false' },
          BoolIfExists: { 'aws:ViaAWSService': 'false' },
        },
      },
      {
        Sid: 'DenyEc2CredentialsFromAnotherAddress',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:SourceVpc': '${aws:EC2InstanceSourceVPC}' },
          StringNotEquals: { 'aws:VpcSourceIp': '${aws:EC2InstanceSourcePrivateIPv4}' },
          Null: { 'ec2:SourceInstanceARN': 'false' },
          BoolIfExists: { 'aws:ViaAWSService': 'false' },
        },
      },
    ];
    expect(sts).toEqual(expected);
  });

  it('inline: one identity policy per role, attached to the role from the snapshot', () => {
    const d = buildEc2CredentialBinding(input)[1]!;
    expect(d.kind).toBe('identity');
    expect(d.attachment).toEqual({
      kind: 'role',
      roleArn: 'arn:aws:iam::555555555555:role/analytics-app',
      roleName: 'analytics-app',
      accountId: '555555555555',
    });
  });

  it('names an inline role that is not in the snapshot', () => {
    const intent = intentOf({
      ...input.rawIntent,
      guardrails: {
        ec2CredentialBinding: [{ name: 'x', variant: 'endpoint-only', attachAs: 'inline', roles: ['ghost'] }],
      },
    });
    expect(() => buildEc2CredentialBinding({ intent, estate: input.estate })).toThrow(
      'role ghost is not in the snapshot (roles: analytics-app, luke)',
    );
  });
});

describe('caller lock (seed 003)', () => {
  it("locks to the instances' public IPs with the endpoint and AWS-service guards, region pinned per VPC", () => {
    const [d] = buildCallerLocks(input);
    expect(d!.attachment).toEqual({
      kind: 'role',
      roleArn: 'arn:aws:iam::111111111111:role/luke',
      roleName: 'luke',
      accountId: '111111111111',
    });
    expect(d!.statements).toEqual([
      {
        Sid: 'LockCredentialsToInstanceAddresses',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          NotIpAddressIfExists: { 'aws:SourceIp': ['54.240.30.3/32'] },
          StringNotEqualsIfExists: { 'aws:SourceVpc': ['vpc-0b0000000000000b1'] },
          BoolIfExists: { 'aws:ViaAWSService': 'false' },
        },
      },
      {
        Sid: 'LockEndpointVpcToItsRegion1',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:SourceVpc': 'vpc-0b0000000000000b1' },
          StringNotEqualsIfExists: { 'aws:RequestedRegion': 'us-east-1' },
        },
      },
    ]);
  });

  it('uses the VPC NAT addresses for an instance without a public IP (analytics-app egresses through nat-0a00000000000001)', () => {
    const intent = intentOf({ ...input.rawIntent, guardrails: { callerLock: [{ role: 'analytics-app' }] } });
    const [d] = buildCallerLocks({ intent, estate: input.estate });
    expect(d!.statements[0]!.Condition!['NotIpAddressIfExists']).toEqual({
      'aws:SourceIp': ['54.240.10.1/32'],
    });
  });
});

describe('centralized endpoint policy (seed 004)', () => {
  it('allows each workload only its resources: EC2 by aws:EC2InstanceSourceVPC + private CIDRs, roles by tag + org', () => {
    const [d] = buildEndpointPolicies(input);
    expect(d!.attachment).toEqual({
      kind: 'endpoint',
      service: 'sqs',
      serviceName: 'com.amazonaws.us-east-1.sqs',
      region: 'us-east-1',
      vpcId: 'vpc-0a0000000000000a2',
      accountId: '555555555555',
    });
    expect(d!.statements).toEqual([
      {
        Sid: 'AnalyticsEc2Instances',
        Effect: 'Allow',
        Principal: '*',
        Action: ['sqs:ReceiveMessage', 'sqs:SendMessage'],
        Resource: ['arn:aws:sqs:us-east-1:555555555555:analytics-*'],
        Condition: {
          StringEquals: { 'aws:EC2InstanceSourceVPC': ['vpc-0b0000000000000b1'] },
          IpAddress: { 'aws:EC2InstanceSourcePrivateIPv4': ['10.1.1.0/24'] },
        },
      },
      {
        Sid: 'BillingTaggedRoles',
        Effect: 'Allow',
        Principal: '*',
        Action: ['sqs:SendMessage'],
        Resource: ['arn:aws:sqs:us-east-1:555555555555:billing-*'],
        Condition: {
          StringEquals: { 'aws:PrincipalTag/workload': 'billing', 'aws:PrincipalOrgID': 'o-exampleorg1' },
        },
      },
    ]);
    expect(JSON.stringify(d!.statements)).not.toContain('aws:SourceVpc');
  });
});

describe('network perimeter', () => {
  it("lists the same aws:VpceOrgID services as AWS's vpceorgid SCP and the same RCP services as the identity-perimeter RCP", () => {
    const scp = readFixture(
      'policies-data-perimeter/service_control_policies/network_perimeter_vpceorgid_scp.json',
    );
    expect([...vpceOrgIdServices]).toEqual(
      (scp.Statement[0]!.Action as string[]).map((a) => a.split(':')[0]).sort(),
    );
    const rcp = readFixture('policies-data-perimeter/resource_control_policies/identity_perimeter_rcp.json');
    expect([...rcpServices]).toEqual(
      [...new Set((rcp.Statement[0]!.Action as string[]).map((a) => a.split(':')[0]!))].sort(),
    );
  });

  it("SCP: trusted CIDRs and NAT addresses, org-owned endpoints, trusted accounts' endpoints", () => {
    const [scp, rcp] = buildNetworkPerimeter(input);
    expect(scp!.statements[0]).toEqual({
      Sid: 'EnforceNetworkPerimeterVpceOrgID',
      Effect: 'Deny',
      Action: ['kms:*', 's3:*', 'sqs:*'],
      Resource: '*',
      Condition: {
        NotIpAddressIfExists: { 'aws:SourceIp': ['203.0.113.0/24', '54.240.10.1/32', '54.240.20.2/32'] },
        StringNotEqualsIfExists: { 'aws:VpceOrgID': 'o-exampleorg1', 'aws:VpceAccount': ['444455556666'] },
        BoolIfExists: { 'aws:ViaAWSService': 'false' },
        ArnNotLikeIfExists: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/aws:ec2-infrastructure'] },
      },
    });
    // dynamodb and secretsmanager have no aws:VpceOrgID: keyed on aws:SourceVpc, each VPC pinned to its region.
    expect(scp!.statements.slice(1).map((s) => s.Sid)).toEqual([
      'EnforceNetworkPerimeterSourceVpc',
      'SourceVpcRegion1',
      'SourceVpcRegion2',
    ]);
    expect(scp!.statements[1]!.Action).toEqual(['dynamodb:*', 'secretsmanager:*']);
    expect(rcp!.statements[0]).toEqual({
      Sid: 'EnforceIdentityPerimeter',
      Effect: 'Deny',
      Principal: '*',
      Action: ['dynamodb:*', 'kms:*', 's3:*', 'secretsmanager:*', 'sqs:*'],
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: {
          'aws:PrincipalOrgID': 'o-exampleorg1',
          'aws:PrincipalAccount': ['444455556666'],
        },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    });
  });

  it('refuses an RCP for a service RCPs do not cover', () => {
    const intent = intentOf({
      ...input.rawIntent,
      guardrails: { networkPerimeter: { targets: ['ou-root1-sbox0001'], services: ['s3', 'ec2'] } },
    });
    expect(() => buildNetworkPerimeter({ intent, estate: input.estate })).toThrow(GuardrailError);
    expect(() => buildNetworkPerimeter({ intent, estate: input.estate })).toThrow(
      'guardrails.networkPerimeter: RCPs do not apply to ec2 (RCP services: aoss, cognito-identity, cognito-idp, dynamodb, ecr, kms, logs, s3, secretsmanager, sqs, sts); set rcp: false or remove them from services',
    );
  });
});

describe('targets', () => {
  it('refuses the management account as an SCP target: SCPs do not apply to it', () => {
    const intent = intentOf({ ...input.rawIntent, noInternetIngress: ['100000000000'] });
    expect(() => buildNoInternetIngress({ intent, estate: input.estate })).toThrow(
      'noInternetIngress: target 100000000000 is the management account; SCPs and RCPs do not apply to it',
    );
  });
});
