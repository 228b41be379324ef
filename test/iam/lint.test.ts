// The lint catalogue L1–L12 (DOMAIN.md §4), syntax and quota findings: each rule fires on a minimal
// policy with the exact finding expected, and stays quiet on the corrected policy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPolicy, type LintFinding } from '../../src/iam/lint.js';
import type { PolicyType } from '../../src/iam/types.js';

const V = '2012-10-17';
const doc = (...Statement: unknown[]) => ({ Version: V, Statement });
const codes = (fs: LintFinding[]) => fs.map((f) => `${f.code}:${f.severity}:${f.path}`);
const lint = (type: PolicyType, ...st: unknown[]) => lintPolicy(doc(...st), type);
const deny = (Condition: unknown, extra: object = {}) => ({
  Effect: 'Deny',
  Action: '*',
  Resource: '*',
  Condition,
  ...extra,
});
const allow = (Condition: unknown, extra: object = {}) => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: '*',
  Condition,
  ...extra,
});

describe('lint catalogue', () => {
  it('L1: IpAddress aws:SourceIp with a private CIDR never matches', () => {
    const f = lint('identity', allow({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } }));
    expect(f).toEqual([
      {
        code: 'L1',
        severity: 'medium',
        statement: 0,
        path: '$.Statement[0].Condition.IpAddress["aws:SourceIp"]',
        message:
          'statement 0: IpAddress aws:SourceIp ["10.0.0.0/8"] never matches: aws:SourceIp is never a private address (private callers come through VPC endpoints, where aws:SourceIp is absent; use aws:VpcSourceIp with aws:SourceVpc)',
      },
    ]);
    expect(lint('identity', allow({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } }))).toEqual([]);
  });

  it('L2: NotIpAddress aws:SourceIp with a private CIDR always matches', () => {
    const f = lint(
      'identity',
      deny({
        NotIpAddressIfExists: { 'aws:SourceIp': '192.168.0.0/16' },
        BoolIfExists: { 'aws:ViaAWSService': 'false' },
      }),
    );
    expect(codes(f)).toEqual(['L2:high:$.Statement[0].Condition.NotIpAddressIfExists["aws:SourceIp"]']);
  });

  it('L3: aws:SourceIp in an endpoint policy', () => {
    const f = lint('vpce', {
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    });
    expect(codes(f)).toEqual(['L3:high:$.Statement[0].Condition.IpAddress["aws:SourceIp"]']);
    expect(f[0]?.message).toMatch(/the condition never matches$/);
  });

  it('L4: aws:SourceVpc in an endpoint policy, constant; with a hub endpoint a spoke id never matches', () => {
    const p = doc({
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-spoke' } },
    });
    expect(codes(lintPolicy(p, 'vpce'))).toEqual([
      'L4:medium:$.Statement[0].Condition.StringEquals["aws:SourceVpc"]',
    ]);
    expect(codes(lintPolicy(p, 'vpce', { hubEndpoint: true }))).toEqual([
      'L4:high:$.Statement[0].Condition.StringEquals["aws:SourceVpc"]',
    ]);
    const mismatch = lintPolicy(p, 'vpce', { endpointVpcId: 'vpc-hub' });
    expect(mismatch[0]?.message).toBe(
      'statement 0: aws:SourceVpc in a VPC endpoint policy: it is always "vpc-hub" (the endpoint\'s own VPC), which the values ["vpc-spoke"] do not include',
    );
  });

  it('L5/L6: private IP keys without their VPC key (same statement for an Allow)', () => {
    expect(codes(lint('identity', allow({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/24' } })))).toEqual([
      'L5:medium:$.Statement[0].Condition.IpAddress["aws:VpcSourceIp"]',
    ]);
    expect(
      codes(
        lint(
          'identity',
          allow({
            IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/24' },
            StringEquals: { 'aws:SourceVpc': 'vpc-1', 'aws:RequestedRegion': 'us-east-1' },
          }),
        ),
      ),
    ).toEqual([]);
    expect(
      codes(lint('identity', allow({ IpAddress: { 'aws:EC2InstanceSourcePrivateIPv4': '10.0.0.0/24' } }))),
    ).toEqual(['L6:medium:$.Statement[0].Condition.IpAddress["aws:EC2InstanceSourcePrivateIPv4"]']);
  });

  it('L7: aws:SourceVpc without aws:RequestedRegion anywhere in the policy', () => {
    expect(codes(lint('identity', allow({ StringEquals: { 'aws:SourceVpc': 'vpc-1' } })))).toEqual([
      'L7:low:$.Statement[0].Condition.StringEquals["aws:SourceVpc"]',
    ]);
    expect(
      codes(
        lint(
          'identity',
          allow({ StringEquals: { 'aws:SourceVpc': 'vpc-1' } }),
          deny({ StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } }),
        ),
      ),
    ).toEqual([]);
  });

  it('L8: ForAllValues on a single-valued key, worse in an Allow', () => {
    expect(
      codes(lint('identity', allow({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-1' } }))),
    ).toEqual(['L8:high:$.Statement[0].Condition.ForAllValues:StringEquals["aws:PrincipalOrgID"]']);
    expect(codes(lint('identity', allow({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } })))).toEqual(
      [],
    );
  });

  it('L9: Deny on NotIpAddress aws:SourceIp without IfExists and aws:ViaAWSService (seed 003)', () => {
    const policy = JSON.parse(
      readFileSync(join(import.meta.dirname, '../scenarios/iam/seed-003-notipaddress.json'), 'utf8'),
    ).policy as unknown;
    const f = lintPolicy(policy, 'identity');
    expect(codes(f)).toEqual(['L9:high:$.Statement[0].Condition.NotIpAddress["aws:SourceIp"]']);
    expect(f[0]?.message).toBe(
      'statement 0: Deny on NotIpAddress aws:SourceIp also denies every call through a VPC endpoint (aws:SourceIp is absent there; use NotIpAddressIfExists), and every call an AWS service makes on the principal\'s behalf (add "BoolIfExists": {"aws:ViaAWSService": "false"})',
    );
    expect(
      lint(
        'identity',
        deny({
          NotIpAddressIfExists: { 'aws:SourceIp': '203.0.113.0/24' },
          BoolIfExists: { 'aws:ViaAWSService': 'false' },
        }),
      ),
    ).toEqual([]);
  });

  it('L9 mirrored: the seed-001 pattern also denies the instance egressing through a NAT', () => {
    const policy = JSON.parse(
      readFileSync(join(import.meta.dirname, '../scenarios/iam/seed-001-scp.json'), 'utf8'),
    ).policy as unknown;
    expect(codes(lintPolicy(policy, 'scp'))).toEqual([
      'L9:medium:$.Statement[0].Condition.StringNotEquals["aws:ec2InstanceSourceVPC"]',
      'L9:medium:$.Statement[1].Condition.StringNotEquals["aws:ec2InstanceSourcePrivateIPv4"]',
    ]);
  });

  it('L10: aws:PrincipalOrgID in an SCP, aws:ResourceOrgID in an RCP', () => {
    expect(codes(lint('scp', deny({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-1' } })))).toEqual([
      'L10:low:$.Statement[0].Condition.StringNotEquals["aws:PrincipalOrgID"]',
    ]);
    expect(
      codes(lint('rcp', deny({ StringNotEquals: { 'aws:ResourceOrgID': 'o-1' } }, { Principal: '*' }))),
    ).toEqual(['L10:low:$.Statement[0].Condition.StringNotEquals["aws:ResourceOrgID"]']);
  });

  it('L11: Null with IfExists, empty lists, unknown keys, keys of other services, non-key variables', () => {
    const f = lint('identity', {
      Effect: 'Allow',
      Action: 'ec2:RunInstances',
      Resource: 'arn:aws:ec2:${Region}:*:instance/*',
      Condition: {
        NullIfExists: { 'aws:TagKeys': 'true' },
        StringEquals: { 's3:prefix': 'home/', 'aws:SourceVcp': [] },
      },
    });
    expect(codes(f)).toEqual([
      'L11:medium:$.Statement[0].Condition.NullIfExists["aws:TagKeys"]',
      'L11:medium:$.Statement[0].Condition.StringEquals["aws:SourceVcp"]',
      'L11:info:$.Statement[0].Condition.StringEquals["aws:SourceVcp"]',
      'L11:medium:$.Statement[0].Condition.StringEquals["s3:prefix"]',
      'L11:medium:$.Statement[0].Resource[0]',
    ]);
  });

  it('L12: an Allow keyed on aws:SourceVpc for a service without VPC endpoints', () => {
    const f = lint('identity', {
      Effect: 'Allow',
      Action: 'cloudfront:ListDistributions',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
    });
    expect(codes(f)).toEqual(['L12:medium:$.Statement[0].Condition.StringEquals["aws:SourceVpce"]']);
  });
});

describe('syntax and quota', () => {
  it('reports parse errors as high syntax findings with the statement Sid', () => {
    const f = lint('scp', { Sid: 'X', Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' });
    expect(f).toEqual([
      {
        code: 'syntax',
        severity: 'high',
        statement: 'X',
        path: '$.Statement[0].Principal',
        message:
          'statement 0 (Sid "X"): a service control policy (SCP) cannot name a Principal (it applies to the identity or accounts it is attached to)',
      },
    ]);
  });

  it('counts minified UTF-8 bytes against 5,120 for an SCP', () => {
    const actions = Array.from({ length: 300 }, (_, i) => `ec2:Action${String(i).padStart(4, '0')}`);
    const big = doc({ Effect: 'Deny', Action: actions, Resource: '*' });
    const size = new TextEncoder().encode(JSON.stringify(big)).length;
    expect(size).toBeGreaterThan(5120);
    expect(lintPolicy(big, 'scp')).toEqual([
      {
        code: 'quota',
        severity: 'high',
        path: '$',
        message: `the policy is ${size} bytes minified, over the 5120-character quota for a scp policy (AWS rejects it; split or shorten it)`,
      },
    ]);
    // The same policy fits the 20,480 of an endpoint policy (no quota finding).
    expect(
      lintPolicy(doc({ Effect: 'Deny', Principal: '*', Action: actions, Resource: '*' }), 'vpce').filter(
        (x) => x.code === 'quota',
      ),
    ).toEqual([]);
  });
});

describe('fixtures', () => {
  const fx = join(process.cwd(), '..', 'shared', 'fixtures');
  it('the AWS network-perimeter SCP with a placeholder CIDR: syntax errors naming the value', () => {
    const f = lintPolicy(
      readFileSync(
        join(fx, 'policies-data-perimeter/service_control_policies/network_perimeter_sourcevpc_scp.json'),
        'utf8',
      ),
      'scp',
    );
    expect(codes(f)).toEqual([
      'syntax:high:$.Statement[0].Condition.NotIpAddressIfExists["aws:SourceIp"][0]',
    ]);
  });
  it('an SCP example using ${Account} as if it were a variable', () => {
    const f = lintPolicy(
      readFileSync(
        join(
          fx,
          'policies-scp-examples/Privileged-access-controls/Prevent-creating-or-expanding-public-connectivity-for-VPCs.json',
        ),
        'utf8',
      ),
      'scp',
    );
    expect(codes(f)).toEqual(['L11:medium:$.Statement[0].Condition.ArnNotLike["aws:PrincipalARN"]']);
  });
  it('the ec2 endpoint policy is clean', () => {
    expect(
      lintPolicy(
        readFileSync(
          join(fx, 'policies-data-perimeter/vpc_endpoint_policies/ec2_endpoint_policy.json'),
          'utf8',
        ),
        'vpce',
      ),
    ).toEqual([]);
  });
});
