// simulate on a small in-memory estate (test/iam/estate-fixture.ts): the seed-003 story — a role
// without a binding policy is usable from anywhere; the role bound by the seed-001 policy is denied
// from the internet and other VPCs, and (the documented side effect, DOMAIN.md §4) also when its
// own instance egresses through a NAT instead of an endpoint.
import { describe, expect, it } from 'vitest';
import { egressLookupFor } from '../../src/checks/shared/egress-lookup.js';
import { buildEstate } from '../../src/estate/build.js';
import type { Estate } from '../../src/estate/model.js';
import { buildRequestContext } from '../../src/iam/context.js';
import { simulate, SimulateError } from '../../src/iam/simulate.js';
import { formatSimulationText } from '../../src/iam/simulate-text.js';
import { UNKNOWN } from '../../src/iam/request.js';
import { BOUND, docs, FREE, testEstate } from './estate-fixture.js';

const estate = testEstate({ org: true });
const run = (principal: string, action: string, e = estate) =>
  simulate(e, {
    principal,
    action,
    resource: 'arn:aws:sqs:us-east-1:111122223333:q',
    egressOf: egressLookupFor(e),
  });
const table = (r: ReturnType<typeof run>) => r.rows.map((row) => [row.path, row.decision]);

describe('simulate', () => {
  it('the unbound role is usable from every path, stolen credentials included', () => {
    expect(table(run(FREE, 'sqs:SendMessage'))).toEqual([
      ['i-free/vpce-app-sqs', 'Allowed'],
      ['i-free/igw-1', 'Allowed'],
      ['aws-service', 'Allowed'],
      ['stolen/internet', 'Allowed'],
      ['stolen/attacker-account', 'Allowed'],
    ]);
  });

  it('the seed-001-bound role: allowed only through its own VPC endpoint (and via AWS services)', () => {
    const r = run(BOUND, 'sqs:SendMessage');
    expect(table(r)).toEqual([
      ['i-bound/vpce-app-sqs', 'Allowed'],
      ['i-bound/nat-1', 'ExplicitlyDenied'], // the documented side effect
      ['aws-service', 'Allowed'],
      ['stolen/internet', 'ExplicitlyDenied'],
      ['stolen/attacker-account', 'ExplicitlyDenied'],
    ]);
    const nat = r.rows[1]!;
    expect(nat.context.present['aws:SourceIp']).toBe('198.51.100.20');
    expect(nat.context.absent).toContain('aws:SourceVpc');
    expect(nat.deciding.map((d) => `${d.policy}#${d.statement}`)).toEqual(['lock-to-vpc#0', 'lock-to-vpc#1']);
  });

  it('a hub endpoint reached through a private hosted zone carries the hub VPC as aws:SourceVpc', () => {
    const r = run(BOUND, 'kms:Decrypt');
    expect(r.rows[0]?.path).toBe('i-bound/vpce-hub-kms');
    expect(r.rows[0]?.context.present['aws:SourceVpc']).toBe('vpc-hub');
    expect(r.rows[0]?.decision).toBe('ExplicitlyDenied');
  });

  it('applies the endpoint policy on endpoint paths', () => {
    const e = testEstate({
      endpointPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:ReceiveMessage', Resource: '*' }],
      },
    });
    const r = run(FREE, 'sqs:SendMessage', e);
    expect(r.rows[0]).toMatchObject({
      path: 'i-free/vpce-app-sqs',
      decision: 'ImplicitlyDenied',
      blockedBy: ['vpce'],
    });
  });

  it('without organization data, SCPs are reported unknown and aws:PrincipalOrgID is unknown', () => {
    const r = run(FREE, 'sqs:SendMessage', testEstate());
    expect(r.notes).toContain('SCPs unknown: the snapshot has no organization data');
    expect(r.rows[0]?.context.unknown).toEqual(['aws:PrincipalOrgID']);
  });

  it('an SCP keyed on aws:PrincipalOrgID is unknown without organization data', () => {
    // The SCP exists only with org data; build a policy that keys on the org id in the identity policy instead.
    const e = testEstate({
      boundInline: {
        work: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sqs:*',
              Resource: '*',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
            },
          ],
        },
      },
    });
    const r = run(BOUND, 'sqs:SendMessage', e);
    expect(r.rows[0]).toMatchObject({ decision: 'Unknown', unknownKeys: ['aws:PrincipalOrgID'] });
  });

  it('renders a table', () => {
    const text = formatSimulationText(run(BOUND, 'sqs:SendMessage'));
    expect(text).toContain('i-bound over the internet through NAT nat-1 (198.51.100.20)');
    expect(text.split('\n')[2]).toMatch(/^PATH\s+DECISION\s+DECIDED BY$/);
  });

  it('rejects an unknown principal or a wildcard action', () => {
    expect(() => run('arn:aws:iam::111122223333:role/nope', 'sqs:SendMessage')).toThrow(SimulateError);
    expect(() => run(BOUND, 'sqs:*')).toThrow(
      '--action "sqs:*" is not an action (expected "service:Action" without wildcards, e.g. s3:GetObject)',
    );
  });
});

describe('buildRequestContext', () => {
  it('reports keys as present, absent or unknown', () => {
    const b = buildRequestContext({
      credential: {
        kind: 'ec2-instance-role',
        roleArn: 'arn:aws:iam::111122223333:role/r',
        sessionArn: 'arn:aws:sts::111122223333:assumed-role/r/i-1',
        instanceArn: 'arn:aws:ec2:us-east-1:111122223333:instance/i-1',
        instanceVpcId: 'vpc-1',
        instancePrivateIp: UNKNOWN,
        tags: { team: 'blue' },
      },
      path: { kind: 'endpoint', endpointVpcId: 'vpc-hub', endpointId: 'vpce-1', vpcSourceIp: '10.0.0.1' },
      viaAwsService: false,
      principalOrgId: 'o-1',
    });
    expect(b.unknown).toEqual(['aws:EC2InstanceSourcePrivateIPv4']);
    expect(b.absent).toEqual(['aws:SourceIp']);
    expect(b.present).toContain('aws:PrincipalTag/team');
    expect(b.context.get('aws:sourcevpc')).toEqual(['vpc-hub']);
  });
});

describe('organization levels', () => {
  /** The test estate with its FullAWSAccess SCP (p-full) attached to these targets only. */
  function estateWithFullAwsAccessOn(...targetIds: string[]): Estate {
    const d = docs({ org: true });
    const org = d.find((x) => x.file === 'organization/org.json')!.data as {
      Policies: { PolicySummary: { Id: string }; Targets: { TargetId: string }[] }[];
    };
    const fullAccess = org.Policies.find((p) => p.PolicySummary.Id === 'p-full')!;
    fullAccess.Targets = targetIds.map((TargetId) => ({ TargetId }));
    return buildEstate(d);
  }

  it('a level with no SCP in the data gets FullAWSAccess (AWS keeps one attached) and says so', () => {
    const r = run(FREE, 'sqs:SendMessage', estateWithFullAwsAccessOn('r-root', 'ou-prod'));
    expect(r.notes).toContain(
      'no SCP attached to 111122223333 in the data: AWS keeps at least one attached, FullAWSAccess is assumed there',
    );
    expect(r.rows[0]?.decision).toBe('Allowed');
  });

  it('an OU whose only SCP is a deny-list denies everything, and the row names the level', () => {
    const r = run(FREE, 'sqs:SendMessage', estateWithFullAwsAccessOn('r-root', '111122223333'));
    expect(r.rows[0]).toMatchObject({
      decision: 'ImplicitlyDenied',
      blockedBy: ['scp'],
      blockedAt: ['ou-prod'],
    });
    expect(formatSimulationText(r)).toContain('no Allow in scp (ou-prod)');
  });
});
