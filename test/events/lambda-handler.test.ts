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
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { EventBridgeEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SdkAwsPort } from '../../src/events/aws-sdk-port.js';
import { configFromEnv, createHandler } from '../../src/events/lambda-handler.js';
import { createPeering, envelope, PROD, VENDOR } from './support/events.js';
import { orgDocument } from './support/peering.js';

const ec2 = mockClient(EC2Client);
const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:us-east-1:333333333333:perimeter';

function pcx(status: string) {
  return {
    VpcPeeringConnections: [
      {
        VpcPeeringConnectionId: 'pcx-0aaa',
        Status: { Code: status as VpcPeeringConnectionStateReasonCode },
        RequesterVpcInfo: { OwnerId: PROD, VpcId: 'vpc-0prod0000000001', Region: 'us-east-1' },
        AccepterVpcInfo: { OwnerId: VENDOR, VpcId: 'vpc-0peer0000000001', Region: 'us-east-1' },
      },
    ],
  };
}

function make(mode: 'enforce' | 'dry-run' = 'enforce') {
  const lines: string[] = [];
  const port = new SdkAwsPort({
    ec2: new EC2Client({ region: 'us-east-1' }),
    sns: new SNSClient({ region: 'us-east-1' }),
    topicArn: TOPIC,
  });
  const config = configFromEnv({
    PERIMETER_MODE: mode,
    PERIMETER_ORGANIZATION: JSON.stringify(orgDocument()),
    PERIMETER_TOPIC_ARN: TOPIC,
  });
  const handler = createHandler({
    config,
    ports: () => port,
    homeAccountId: () => Promise.resolve(PROD),
    region: 'us-east-1',
    clock: () => new Date('2026-11-23T12:00:00Z'),
    sleep: () => Promise.resolve(),
    emit: (l) => lines.push(l),
  });
  const metrics = () =>
    lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => '_aws' in l)
      .map(({ _aws, ...m }) => m);
  return { handler, lines, metrics };
}

const createEvent = envelope(
  createPeering({ eventId: 'ev-l1', pcxId: 'pcx-0aaa', peerOwner: VENDOR }),
) as unknown as EventBridgeEvent<string, unknown>;

beforeEach(() => {
  ec2.reset();
  sns.reset();
});

describe('Lambda handler', () => {
  it('EventBridge CreateVpcPeeringConnection to the vendor: deletes, verifies, emits metrics; the redelivery is a no-op', async () => {
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce(pcx('pending-acceptance'))
      .resolves(pcx('deleted'));
    ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
    const { handler, metrics } = make();
    const r1 = await handler(createEvent);
    const r2 = await handler(createEvent);
    expect([r1.outcomes.map((o) => o.status), r2.outcomes.map((o) => o.status)]).toEqual([
      ['remediated'],
      ['duplicate'],
    ]);
    expect(ec2.commandCalls(DeleteVpcPeeringConnectionCommand)).toHaveLength(1);
    expect(metrics()).toEqual([
      { EventsProcessed: 1, Detections: 1, Escalations: 0 },
      { EventsProcessed: 1, Detections: 1, Escalations: 0 },
    ]);
  });

  it('the schedule runs the live reconcile (backstop) and counts ReconcileRuns', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves(pcx('active'));
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
    ec2.on(DescribeInternetGatewaysCommand).resolves({ InternetGateways: [] });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
    const { handler, metrics } = make('dry-run');
    const r = await handler({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      id: 's1',
      account: PROD,
      region: 'us-east-1',
      time: '',
      version: '0',
      resources: [],
      detail: {},
    });
    expect([r.kind, r.outcomes.map((o) => o.status)]).toEqual(['schedule', ['planned']]);
    expect(metrics()).toEqual([{ ReconcileRuns: 1, Detections: 1, Escalations: 0 }]);
  });

  it('when escalation itself fails the invocation fails (Lambda retry → DLQ → Errors alarm)', async () => {
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves(pcx('pending-acceptance'));
    ec2
      .on(DeleteVpcPeeringConnectionCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'UnauthorizedOperation' }));
    sns.on(PublishCommand).rejects(Object.assign(new Error('throttled'), { name: 'Throttling' }));
    const { handler } = make();
    await expect(handler(createEvent)).rejects.toThrow(
      /^escalation failed for ev-l1\|[0-9a-f]{32}: Throttling: throttled$/,
    );
  });

  it('configuration errors name the variable, the value and what was expected', () => {
    expect(() => configFromEnv({ PERIMETER_MODE: 'yolo' })).toThrow(
      'PERIMETER_MODE="yolo" is not a mode (expected dry-run or enforce)',
    );
    expect(() => configFromEnv({ PERIMETER_INTENT: '{"organizationId": "nope"}' })).toThrow(
      'PERIMETER_INTENT is not a valid intent: $.organizationId: an organization id like o-abc123defg',
    );
  });
});
