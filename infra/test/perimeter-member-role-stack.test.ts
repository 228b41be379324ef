// The member account role (infra/lib/perimeter-member-role-stack.ts), synthesized in process (no
// assets to bundle) and asserted with aws-cdk-lib/assertions.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EC2_DESCRIBE_ACTIONS, EC2_REMEDIATION_ACTIONS } from '../../src/events/aws-port.js';
import {
  PERIMETER_MEMBER_ROLE_NAME,
  PerimeterMemberRoleStack,
  REMEDIATION_RESOURCE_TYPES,
  type PerimeterMemberRoleStackProps,
} from '../lib/perimeter-member-role-stack.js';

const DETECTOR = 'arn:aws:iam::111122223333:role/PerimeterDetector-HandlerRoleA1B2-XYZ';

function synth(props: Partial<PerimeterMemberRoleStackProps> = {}): Template {
  return Template.fromStack(
    new PerimeterMemberRoleStack(new App(), 'Member', { detectorRoleArn: DETECTOR, ...props }),
  );
}

type Statement = {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
  Principal?: unknown;
};
type RoleProps = {
  RoleName: string;
  AssumeRolePolicyDocument: { Statement: Statement[] };
  Policies: { PolicyName: string; PolicyDocument: { Statement: Statement[] } }[];
  MaxSessionDuration: number;
  PermissionsBoundary?: unknown;
  Tags?: { Key: string; Value: string }[];
};

function role(t: Template): RoleProps {
  const roles = Object.values(t.findResources('AWS::IAM::Role'));
  expect(roles).toHaveLength(1);
  return (roles[0] as { Properties: RoleProps }).Properties;
}

/** {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, …]]} → "arn:${AWS::Partition}…". */
function flat(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(flat);
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    if ('Ref' in o) return `\${${String(o.Ref)}}`;
    const join = o['Fn::Join'] as [string, unknown[]] | undefined;
    if (join) return join[1].map(flat).join(join[0]);
  }
  return v;
}

function permissions(t: Template): Statement[] {
  const policies = role(t).Policies;
  expect(policies.map((p) => p.PolicyName)).toEqual(['perimeter-remediator']);
  return policies[0]!.PolicyDocument.Statement.map((s) => ({ ...s, Resource: flat(s.Resource) }));
}

const actionsOf = (ss: readonly Statement[]) =>
  [...new Set(ss.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])))].sort();

/** The EC2 commands src/events/aws-sdk-port.ts constructs, as IAM actions (read from the source). */
function portEc2Actions(): string[] {
  const src = readFileSync('src/events/aws-sdk-port.ts', 'utf8');
  const block = /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-ec2'/.exec(src)?.[1] ?? '';
  const imported = new Set(
    block
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.endsWith('Command') && !s.startsWith('type ')),
  );
  const called = [...src.matchAll(/new\s+(\w+Command)\s*\(/g)]
    .map((m) => m[1]!)
    .filter((c) => imported.has(c));
  return [...new Set(called.map((c) => `ec2:${c.slice(0, -'Command'.length)}`))].sort();
}

describe('PerimeterMemberRoleStack permissions', () => {
  const t = synth();

  it('allows exactly the EC2 actions the SDK port calls — 13 of them, no wildcard action', () => {
    const allowed = actionsOf(permissions(t));
    expect(allowed).toEqual(portEc2Actions());
    expect(allowed).toEqual([
      'ec2:DeleteInternetGateway',
      'ec2:DeleteRoute',
      'ec2:DeleteVpcPeeringConnection',
      'ec2:DescribeInternetGateways',
      'ec2:DescribeRouteTables',
      'ec2:DescribeSecurityGroupRules',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeVpcEndpoints',
      'ec2:DescribeVpcPeeringConnections',
      'ec2:DescribeVpcs',
      'ec2:DetachInternetGateway',
      'ec2:RejectVpcPeeringConnection',
      'ec2:RevokeSecurityGroupIngress',
    ]);
    expect(allowed.filter((a) => a.includes('*'))).toEqual([]);
    expect(permissions(t).every((s) => s.Effect === 'Allow')).toBe(true);
  });

  it('no sns:* (escalations publish from the home account) and no sts:* / iam:*', () => {
    expect(actionsOf(permissions(t)).filter((a) => !a.startsWith('ec2:'))).toEqual([]);
  });

  it('Describe* on "*" (no resource-level support); nothing else on "*"', () => {
    const star = permissions(t).filter((s) => s.Resource === '*');
    expect(star).toEqual([
      { Sid: 'Describe', Effect: 'Allow', Action: [...EC2_DESCRIBE_ACTIONS], Resource: '*' },
    ]);
  });

  it('each remediation action on its own resource types, in this account (peering connections: any account)', () => {
    const byAction = Object.fromEntries(
      permissions(t)
        .filter((s) => s.Sid !== 'Describe')
        .map((s) => [s.Action as string, s.Resource]),
    );
    const own = (type: string) => `arn:\${AWS::Partition}:ec2:*:\${AWS::AccountId}:${type}/*`;
    expect(byAction).toEqual({
      'ec2:DeleteInternetGateway': own('internet-gateway'),
      'ec2:DeleteRoute': own('route-table'),
      'ec2:DeleteVpcPeeringConnection': 'arn:${AWS::Partition}:ec2:*:*:vpc-peering-connection/*',
      'ec2:DetachInternetGateway': [own('internet-gateway'), own('vpc')],
      'ec2:RejectVpcPeeringConnection': 'arn:${AWS::Partition}:ec2:*:*:vpc-peering-connection/*',
      'ec2:RevokeSecurityGroupIngress': [own('security-group'), own('security-group-rule')],
    });
    expect(permissions(t).every((s) => s.Condition === undefined)).toBe(true);
  });

  it('the resource-type table covers exactly the declared remediation actions', () => {
    expect(Object.keys(REMEDIATION_RESOURCE_TYPES).sort()).toEqual([...EC2_REMEDIATION_ACTIONS].sort());
  });

  it('remediableTag: aws:ResourceTag on account-owned resources; peering connections and rules untagged', () => {
    const tagged = permissions(synth({ remediableTag: { key: 'perimeter:remediate', value: 'true' } }));
    const cond = { StringEquals: { 'aws:ResourceTag/perimeter:remediate': 'true' } };
    const summary = tagged
      .filter((s) => s.Sid !== 'Describe')
      .map((s) => [s.Sid, s.Condition === undefined ? 'any' : JSON.stringify(s.Condition)]);
    const c = JSON.stringify(cond);
    expect(summary).toEqual([
      ['DeleteInternetGatewayTagged', c],
      ['DeleteRouteTagged', c],
      ['DeleteVpcPeeringConnection', 'any'],
      ['DetachInternetGatewayTagged', c],
      ['RejectVpcPeeringConnection', 'any'],
      ['RevokeSecurityGroupIngressTagged', c],
      ['RevokeSecurityGroupIngress', 'any'],
    ]);
    expect(tagged.find((s) => s.Sid === 'RevokeSecurityGroupIngress')?.Resource).toBe(
      'arn:${AWS::Partition}:ec2:*:${AWS::AccountId}:security-group-rule/*',
    );
    expect(actionsOf(tagged)).toEqual(actionsOf(permissions(t)));
  });
});

describe('PerimeterMemberRoleStack trust policy', () => {
  it('trusts only the detector role ARN, sts:AssumeRole, no condition when no org or external id', () => {
    expect(role(synth()).AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: DETECTOR } },
    ]);
  });

  it('organization id → aws:PrincipalOrgID; external id → sts:ExternalId, both StringEquals', () => {
    const trust = role(synth({ organizationId: 'o-abc123defg', externalId: 'perimeter-7f3a' }))
      .AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { AWS: DETECTOR },
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': 'o-abc123defg', 'sts:ExternalId': 'perimeter-7f3a' },
        },
      },
    ]);
    expect(
      role(synth({ organizationId: 'o-abc123defg' })).AssumeRolePolicyDocument.Statement[0]?.Condition,
    ).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123defg' } });
  });

  it('never an account root, user or wildcard principal: those ARNs are refused with the value and what was expected', () => {
    for (const bad of [
      'arn:aws:iam::111122223333:root',
      'arn:aws:iam::111122223333:user/alice',
      '*',
      '111122223333',
      'arn:aws:iam::11112222333:role/short-account',
    ]) {
      expect(() => synth({ detectorRoleArn: bad })).toThrow(
        `detectorRoleArn: ${JSON.stringify(bad)} (expected an IAM role ARN like arn:aws:iam::111122223333:role/`,
      );
    }
    expect(() =>
      synth({ detectorRoleArn: 'arn:aws-us-gov:iam::111122223333:role/ops/Detector' }),
    ).not.toThrow();
  });

  it('refuses a malformed organization id, external id, boundary, role name', () => {
    expect(() => synth({ organizationId: 'abc123defg' })).toThrow(
      'organizationId: "abc123defg" (expected an organization id like o-abc123defg)',
    );
    expect(() => synth({ externalId: 'x' })).toThrow('externalId: "x" (expected 2 to 1224 characters');
    expect(() => synth({ permissionsBoundaryArn: 'arn:aws:iam::111122223333:role/NotAPolicy' })).toThrow(
      'permissionsBoundaryArn: "arn:aws:iam::111122223333:role/NotAPolicy" (expected a managed policy ARN',
    );
    expect(() => synth({ roleName: 'has space' })).toThrow(
      'roleName: "has space" (expected 1 to 64 characters',
    );
    expect(() => synth({ remediableTag: { key: 'aws:x', value: 'y' } })).toThrow(
      'remediableTag.key: "aws:x" (expected a tag key of 1 to 128 characters, not starting with aws:)',
    );
  });
});

describe('PerimeterMemberRoleStack role settings', () => {
  it(`named ${PERIMETER_MEMBER_ROLE_NAME} (the detector's default PERIMETER_ROLE_NAME), 1-hour sessions, tagged`, () => {
    expect(PERIMETER_MEMBER_ROLE_NAME).toBe('PerimeterRemediator');
    const r = role(synth({ tags: { team: 'security', 'cost-center': '42' } }));
    expect(r.RoleName).toBe('PerimeterRemediator');
    expect(r.MaxSessionDuration).toBe(3600);
    expect(r.PermissionsBoundary).toBeUndefined();
    expect(r.Tags).toEqual([
      { Key: 'cost-center', Value: '42' },
      { Key: 'perimeter:component', Value: 'member-remediation-role' },
      { Key: 'team', Value: 'security' },
    ]);
  });

  it('max session 2 hours, permissions boundary, custom role name', () => {
    const boundary = 'arn:aws:iam::444455556666:policy/perimeter/Boundary';
    const r = role(
      synth({
        maxSessionDuration: Duration.hours(2),
        permissionsBoundaryArn: boundary,
        roleName: 'OrgRemediator',
      }),
    );
    expect([r.MaxSessionDuration, r.PermissionsBoundary, r.RoleName]).toEqual([
      7200,
      boundary,
      'OrgRemediator',
    ]);
  });

  it('a maximum session below the 1 hour the port asks for, or above 12 hours, is refused', () => {
    expect(() => synth({ maxSessionDuration: Duration.minutes(30) })).toThrow(
      'maxSessionDuration: "1800 seconds" (expected between 3600 and 43200 seconds',
    );
    expect(() => synth({ maxSessionDuration: Duration.hours(13) })).toThrow(
      'maxSessionDuration: "46800 seconds"',
    );
  });

  it('a standalone template for StackSets: one role, no parameters, rules or assets, the role ARN as output', () => {
    const json = synth().toJSON() as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['Outputs', 'Resources']);
    expect(Object.keys(json.Resources as object)).toHaveLength(1);
    synth().hasOutput('RoleArn', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RemediatorRole'), 'Arn'] },
    });
  });
});

describe('infra/bin/app.ts member role context', () => {
  /** Runs the app with this context; member-role mistakes fail before the detector is bundled. */
  function runApp(context: Record<string, string>) {
    const outdir = mkdtempSync(join(tmpdir(), 'perimeter-member-ctx-'));
    const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['infra/bin/app.ts'], {
      env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) },
      encoding: 'utf8',
    });
    return { status: r.status, stderr: r.stderr, written: readdirSync(outdir) };
  }

  it('an account root as detectorRoleArn fails fast, naming the value and what was expected', () => {
    const r = runApp({ detectorRoleArn: 'arn:aws:iam::111122223333:root' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(
      'detectorRoleArn: "arn:aws:iam::111122223333:root" (expected an IAM role ARN like',
    );
    expect(r.written).toEqual([]);
  }, 30_000);

  it('remediableTag without "=", maxSessionHours out of range, singleAccount with a member role', () => {
    const arn = DETECTOR;
    expect(runApp({ detectorRoleArn: arn, remediableTag: 'perimeter' }).stderr).toContain(
      'context remediableTag=perimeter (expected key=value, e.g. perimeter:remediate=true)',
    );
    expect(runApp({ detectorRoleArn: arn, maxSessionHours: '13' }).stderr).toContain(
      'context maxSessionHours=13 (expected a whole number of hours, 1 to 12)',
    );
    expect(runApp({ detectorRoleArn: arn, singleAccount: 'true' }).stderr).toContain(
      'context detectorRoleArn with singleAccount=true',
    );
  }, 60_000);
});
