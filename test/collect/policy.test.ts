import { mockClient } from 'aws-sdk-client-mock';
import { DescribeManagedPrefixListsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { RDSClient } from '@aws-sdk/client-rds';
import { Route53Client } from '@aws-sdk/client-route-53';
import { afterEach, describe, expect, it } from 'vitest';
import { walkOrganization } from '../../src/collect/org/walk-organization.js';
import { memberTrustPolicy, readOnlyPolicy } from '../../src/collect/policy.js';
import { allCollectors } from '../../src/collect/registry.js';
import { iamPrefix, type ServiceId } from '../../src/collect/services.js';
import { runCollector } from './helpers.js';
import { mockOrganization } from './org-fixture.js';

const mocks = {
  ec2: mockClient(EC2Client),
  elbv2: mockClient(ElasticLoadBalancingV2Client),
  iam: mockClient(IAMClient),
  organizations: mockClient(OrganizationsClient),
  rds: mockClient(RDSClient),
  route53: mockClient(Route53Client),
} as const;
afterEach(() => Object.values(mocks).forEach((m) => m.reset()));

/** `ec2` + DescribeVpcsCommand instance → `ec2:DescribeVpcs` (from the class name, as AWS names actions). */
function actionsSent(): string[] {
  const out = new Set<string>();
  for (const [service, m] of Object.entries(mocks)) {
    for (const call of m.calls()) {
      const name = (call.args[0] as object).constructor.name;
      out.add(`${iamPrefix[service as ServiceId]}:${name.replace(/Command$/, '')}`);
    }
  }
  return [...out].sort();
}

const allowed = (stmt: number) => readOnlyPolicy(allCollectors).Statement[stmt]!.Action as string[];

// Parent records that make every per-parent collector call its operation at least once.
const parents: Record<string, Record<string, unknown>[]> = {
  TransitGatewayRouteTables: [{ TransitGatewayRouteTableId: 'tgw-rtb-1' }],
  LoadBalancers: [{ LoadBalancerArn: 'arn:lb' }],
  TargetGroups: [{ TargetGroupArn: 'arn:tg' }],
  HostedZones: [{ Id: '/hostedzone/Z1', Config: { PrivateZone: true } }],
};

describe('--print-policy', () => {
  it('covers every SDK command every collector sends (actions derived from the command class names)', async () => {
    for (const m of Object.values(mocks) as { onAnyCommand(): { resolves(v: object): unknown } }[]) {
      m.onAnyCommand().resolves({});
    }
    mocks.ec2.on(DescribeManagedPrefixListsCommand).resolves({ PrefixLists: [{ PrefixListId: 'pl-1' }] });
    for (const c of allCollectors) await runCollector(c, c.dependsOn ? parents[c.dependsOn] : []);
    const sent = actionsSent();
    expect(sent.length).toBeGreaterThanOrEqual(allCollectors.length);
    expect(sent.filter((a) => !allowed(0).includes(a))).toEqual([]);
    // and nothing is granted that no collector sends (besides ec2:DescribeRegions, sent by the account setup)
    expect(allowed(0).filter((a) => !sent.includes(a))).toEqual(['ec2:DescribeRegions']);
  });

  it('covers every Organizations command of the organization walk', async () => {
    mockOrganization(mocks.organizations);
    await walkOrganization(new OrganizationsClient({ region: 'us-east-1' }), { countCall: () => {} });
    const sent = actionsSent();
    expect(sent).toEqual(allowed(1));
  });

  it('is exactly this read-only list: Describe/Get/List/Search actions only, sorted, no wildcard', () => {
    const actions = [...allowed(0), ...allowed(1)];
    expect(actions.every((a) => /^[a-z0-9]+:(Describe|Get|List|Search)[A-Za-z]+$/.test(a))).toBe(true);
    expect(allowed(0)).toEqual([...allowed(0)].sort());
    expect(allowed(0)).toContain('iam:GetAccountAuthorizationDetails');
    expect(allowed(0)).toContain('elasticloadbalancing:DescribeTargetHealth');
    expect(allowed(0)).toContain('route53:GetHostedZone');
    expect(allowed(0)).toHaveLength(31);
  });

  it('trust policy: the collector account, with sts:ExternalId only when given', () => {
    expect(memberTrustPolicy('111111111111', 'ext-1').Statement).toEqual([
      {
        Sid: 'PerimeterCollectorAssume',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': 'ext-1' } },
      },
    ]);
    expect(memberTrustPolicy('111111111111').Statement[0]).not.toHaveProperty('Condition');
    expect(() => memberTrustPolicy('1111')).toThrow('collector account "1111" is not a 12-digit account id');
  });
});
