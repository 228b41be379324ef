// The backstop: problems found from state — a snapshot, or live describes through the SDK port
// (aws-sdk-client-mock) — with the same remediation as the event path and their age.
import {
  DeleteVpcPeeringConnectionCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type VpcPeeringConnectionStateReasonCode,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { intentSchema } from '../../src/config/intent.js';
import { buildEstate } from '../../src/estate/build.js';
import { MemoryAuditSink } from '../../src/events/audit-log.js';
import { SdkAwsPort } from '../../src/events/aws-sdk-port.js';
import { stepText } from '../../src/events/plan.js';
import { reconcile } from '../../src/events/reconcile.js';
import { intentForPartialState, liveEstate, runReconcile } from '../../src/events/reconcile-run.js';
import { MemoryIdempotencyStore, Remediator } from '../../src/events/remediator.js';
import { runCli } from '../support/run-cli.js';
import { orgDocument, rawPeering, routeTableTo } from './support/peering.js';

const PROD = '333333333333';
const VENDOR = '999999999999';
const NOW = new Date('2026-11-23T12:00:00Z');
const ec2 = mockClient(EC2Client);

beforeEach(() => ec2.reset());

describe('reconcile from a snapshot', () => {
  const estate = buildEstate([
    {
      file: 'accounts/333333333333/us-east-1/pcx.json',
      accountId: PROD,
      region: 'us-east-1',
      data: {
        VpcPeeringConnections: [
          rawPeering({
            id: 'pcx-0pending',
            status: 'pending-acceptance',
            requester: PROD,
            accepter: VENDOR,
            expirationTime: '2026-11-27T12:00:00.000Z',
          }),
          rawPeering({
            id: 'pcx-0active',
            status: 'active',
            requester: VENDOR,
            accepter: PROD,
            accepterVpc: 'vpc-0prod',
          }),
          rawPeering({ id: 'pcx-0inorg', status: 'active', requester: PROD, accepter: '222222222222' }),
        ],
      },
    },
    {
      file: 'accounts/333333333333/us-east-1/rt.json',
      accountId: PROD,
      region: 'us-east-1',
      data: { RouteTables: [routeTableTo('pcx-0active', 'vpc-0prod')] },
    },
    { file: 'organization/org.json', accountId: '111111111111', region: 'global', data: orgDocument() },
  ]);

  it('finds the peerings the events missed, with the event path’s remediation and the pending one’s age', () => {
    const problems = reconcile(estate, intentSchema.parse({}), NOW);
    expect(
      problems.map((p) => [
        p.detection.finding.resource.id,
        p.detection.finding.severity,
        p.since ?? null,
        p.ageSeconds ?? null,
      ]),
    ).toEqual([
      ['pcx-0active', 'critical', null, null],
      // expires 2026-11-27T12:00Z → created 2026-11-20T12:00Z → 3 days old at NOW
      ['pcx-0pending', 'high', '2026-11-20T12:00:00.000Z', 3 * 86400],
    ]);
    expect(problems.map((p) => p.detection.target)).toEqual([
      { kind: 'peering', accountId: PROD, region: 'us-east-1', pcxId: 'pcx-0active' },
      { kind: 'peering', accountId: PROD, region: 'us-east-1', pcxId: 'pcx-0pending' },
    ]);
  });

  it('plans quarantine-then-delete (routes from the snapshot) and delete-request', async () => {
    const remediator = new Remediator({
      ports: () => {
        throw new Error('dry run');
      },
      audit: new MemoryAuditSink(),
      idempotency: new MemoryIdempotencyStore(),
      mode: 'dry-run',
      estate,
      intent: intentSchema.parse({}),
      clock: () => NOW,
      sleep: () => Promise.resolve(),
    });
    const run = await runReconcile(estate, intentSchema.parse({}), NOW, remediator);
    expect(run.outcomes.map((o) => [o.plan.remedy, o.plan.steps.map(stepText)])).toEqual([
      [
        'quarantine-then-delete',
        ['DeleteRoute rtb-0prod00000000001 172.31.0.0/16', 'DeleteVpcPeeringConnection pcx-0active'],
      ],
      ['delete-request', ['DeleteVpcPeeringConnection pcx-0pending']],
    ]);
  });
});

describe('reconcile --live (describe calls through the SDK port)', () => {
  it('a request whose CreateVpcPeeringConnection event was lost is found and deleted, verified', async () => {
    const pending = {
      VpcPeeringConnectionId: 'pcx-0lost',
      Status: { Code: 'pending-acceptance' as VpcPeeringConnectionStateReasonCode },
      RequesterVpcInfo: { OwnerId: PROD, VpcId: 'vpc-0prod', Region: 'us-east-1', CidrBlock: '10.3.0.0/16' },
      AccepterVpcInfo: { OwnerId: VENDOR, VpcId: 'vpc-0vendor', Region: 'us-east-1' },
      ExpirationTime: new Date('2026-11-30T06:00:00Z'),
    };
    ec2.on(DescribeVpcsCommand).resolves({
      Vpcs: [
        {
          VpcId: 'vpc-0prod',
          OwnerId: PROD,
          CidrBlock: '10.3.0.0/16',
          State: 'available',
          IsDefault: false,
        },
      ],
    });
    ec2.on(DescribeVpcPeeringConnectionsCommand, {}).resolves({ VpcPeeringConnections: [pending] });
    ec2
      .on(DescribeVpcPeeringConnectionsCommand, { VpcPeeringConnectionIds: ['pcx-0lost'] })
      .resolvesOnce({ VpcPeeringConnections: [pending] })
      .resolves({
        VpcPeeringConnections: [
          { ...pending, Status: { Code: 'deleted' as VpcPeeringConnectionStateReasonCode } },
        ],
      });
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
    ec2.on(DescribeInternetGatewaysCommand).resolves({ InternetGateways: [] });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
    ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
    const port = new SdkAwsPort({ ec2: new EC2Client({ region: 'us-east-1' }) });
    const estate = await liveEstate(port, PROD, 'us-east-1', [{ file: 'org.json', data: orgDocument() }]);
    const intent = intentSchema.parse({ organizationId: 'o-abc123defg' });
    const remediator = new Remediator({
      ports: () => port,
      audit: new MemoryAuditSink(),
      idempotency: new MemoryIdempotencyStore(),
      mode: 'enforce',
      estate,
      intent,
      clock: () => NOW,
      sleep: () => Promise.resolve(),
    });
    const run = await runReconcile(estate, intent, NOW, remediator);
    expect(run.problems.map((p) => [p.detection.finding.resource.id, p.since, p.ageSeconds])).toEqual([
      ['pcx-0lost', '2026-11-23T06:00:00.000Z', 6 * 3600],
    ]);
    expect(run.outcomes.map((o) => [o.status, o.reason])).toEqual([
      ['remediated', 'pcx-0lost verified deleted after delete-request'],
    ]);
    expect(ec2.commandCalls(DeleteVpcPeeringConnectionCommand).map((c) => c.args[0].input)).toEqual([
      { VpcPeeringConnectionId: 'pcx-0lost' },
    ]);
  });
});

describe('reconcile --live without organization data', () => {
  it('a peering to another member account is "unknown" (one live account is not the org): escalated, never deleted', async () => {
    const inOrg = {
      VpcPeeringConnectionId: 'pcx-0sibling',
      Status: { Code: 'active' as VpcPeeringConnectionStateReasonCode },
      RequesterVpcInfo: { OwnerId: PROD, VpcId: 'vpc-0prod', Region: 'us-east-1' },
      AccepterVpcInfo: { OwnerId: '222222222222', VpcId: 'vpc-0hub', Region: 'us-east-1' },
    };
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves({ VpcPeeringConnections: [inOrg] });
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
    ec2.on(DescribeInternetGatewaysCommand).resolves({ InternetGateways: [] });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
    const port = new SdkAwsPort({ ec2: new EC2Client({ region: 'us-east-1' }) });
    const estate = await liveEstate(port, PROD, 'us-east-1');
    const intent = intentForPartialState(intentSchema.parse({ organizationId: 'o-abc123defg' }), false);
    const remediator = new Remediator({
      ports: () => port,
      audit: new MemoryAuditSink(),
      idempotency: new MemoryIdempotencyStore(),
      mode: 'enforce',
      estate,
      intent,
      clock: () => NOW,
      sleep: () => Promise.resolve(),
    });
    const run = await runReconcile(estate, intent, NOW, remediator);
    expect(run.problems.map((p) => [p.detection.finding.resource.id, p.detection.finding.severity])).toEqual([
      ['pcx-0sibling', 'medium'],
    ]);
    expect(run.outcomes.map((o) => o.status)).toEqual(['escalated']);
    expect(run.outcomes[0]?.reason).toMatch(/^pcx-0sibling: organization membership unknown/);
    expect(ec2.commandCalls(DeleteVpcPeeringConnectionCommand)).toHaveLength(0);
  });
});

describe('perimeter reconcile (CLI) on the demo estate', () => {
  it('reports the vendor peerings: the active one critical, the pending one high with its age', async () => {
    const r = await runCli(['reconcile', '--format', 'json', '--now', '2026-11-23T12:00:00Z']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      problems: {
        finding: { ruleId: string; severity: string; resource: { id: string } };
        remediation: { remedy: string };
      }[];
    };
    const peerings = j.problems.filter((p) => p.finding.ruleId === 'cross-org-peering');
    expect(peerings.map((p) => [p.finding.severity, p.remediation.remedy])).toEqual([
      ['critical', 'quarantine-then-delete'],
      ['high', 'delete-request'],
    ]);
  });

  it('a snapshot and --live together are a usage error', async () => {
    const r = await runCli(['reconcile', 'examples/demo', '--live']);
    expect([r.code, r.stderr]).toEqual([
      2,
      'perimeter: give either a snapshot (examples/demo) or --live, not both\n',
    ]);
  });
});
