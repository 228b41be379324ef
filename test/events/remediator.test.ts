// Every remediation path through the real SDK port with aws-sdk-client-mock (no emulator):
// requester delete, accepter reject, the accept-first race, quarantine, IGW detach-then-delete, SG
// revoke by rule id, not-visible-yet retries, throttling, AWS errors, "succeeded but verification
// says no" → escalation, duplicates and out-of-order events.
import {
  DeleteInternetGatewayCommand,
  DeleteRouteCommand,
  DeleteVpcPeeringConnectionCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeVpcPeeringConnectionsCommand,
  DetachInternetGatewayCommand,
  EC2Client,
  EC2ServiceException,
  RejectVpcPeeringConnectionCommand,
  RevokeSecurityGroupIngressCommand,
  type AttachmentStatus,
  type VpcPeeringConnectionStateReasonCode,
} from '@aws-sdk/client-ec2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { intentSchema } from '../../src/config/intent.js';
import { buildEstate } from '../../src/estate/build.js';
import { MemoryAuditSink } from '../../src/events/audit-log.js';
import { SdkAwsPort } from '../../src/events/aws-sdk-port.js';
import { detectAll } from '../../src/events/detect.js';
import type { Detection } from '../../src/events/detectors/detector.js';
import { parseEventInput } from '../../src/events/parse-input.js';
import {
  detectionKey,
  MemoryIdempotencyStore,
  Remediator,
  type IdempotencyStore,
  type Mode,
} from '../../src/events/remediator.js';
import { acceptPeering, createPeering, PROD, record, VENDOR } from './support/events.js';
import { ORG_ACCOUNTS, orgDocument } from './support/peering.js';

const TOPIC = 'arn:aws:sns:us-east-1:111111111111:perimeter-escalations';
const TRUSTED = '888888888888';
const ec2 = mockClient(EC2Client);
const sns = mockClient(SNSClient);
const estate = buildEstate([
  { file: 'organization/org.json', accountId: '111111111111', region: 'global', data: orgDocument() },
]);
const intent = intentSchema.parse({
  trustedAccounts: [{ id: TRUSTED, name: 'vendor' }],
  noInternetIngress: [PROD],
});

function awsError(name: string, message = `${name} (mock)`): EC2ServiceException {
  return new EC2ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 400 }, message });
}

function pcx(id: string, status: string, requester: string, accepter: string) {
  return {
    VpcPeeringConnections: [
      {
        VpcPeeringConnectionId: id,
        Status: { Code: status as VpcPeeringConnectionStateReasonCode },
        RequesterVpcInfo: { OwnerId: requester, VpcId: 'vpc-0prod0000000001' },
        AccepterVpcInfo: { OwnerId: accepter, VpcId: 'vpc-0peer0000000001' },
      },
    ],
  };
}

const routeTables = (target: { VpcPeeringConnectionId?: string; GatewayId?: string }) => ({
  RouteTables: [
    {
      RouteTableId: 'rtb-0prod1',
      Routes: [
        { DestinationCidrBlock: '10.3.0.0/16', GatewayId: 'local' },
        { DestinationCidrBlock: '172.31.0.0/16', ...target },
      ],
    },
  ],
});

function detections(records: Record<string, unknown>[]): Detection[] {
  return detectAll(parseEventInput(JSON.stringify({ Records: records }), 'synthetic.json').events, {
    estate,
    intent,
  });
}

function setup(mode: Mode = 'enforce', idempotency: IdempotencyStore = new MemoryIdempotencyStore()) {
  const audit = new MemoryAuditSink();
  const sleeps: number[] = [];
  const port = new SdkAwsPort({
    ec2: new EC2Client({ region: 'us-east-1' }),
    sns: new SNSClient({ region: 'us-east-1' }),
    topicArn: TOPIC,
  });
  const remediator = new Remediator({
    ports: () => port,
    audit,
    idempotency,
    mode,
    estate,
    intent,
    clock: () => new Date('2026-11-23T12:00:00Z'),
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    options: {
      visibilityAttempts: 3,
      verifyAttempts: 3,
      apiAttempts: 3,
      backoffBaseMs: 100,
      backoffMaxMs: 1000,
      maxPasses: 3,
    },
  });
  return { audit, sleeps, remediator };
}

const inputsOf = <T>(cmd: Parameters<typeof ec2.commandCalls>[0]) =>
  ec2.commandCalls(cmd).map((c) => c.args[0].input as T);

beforeEach(() => {
  ec2.reset();
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

describe('peering remediation (DOMAIN.md §6)', () => {
  const create = detections([
    createPeering({ eventId: 'ev-create', pcxId: 'pcx-0aaa', peerOwner: VENDOR }),
  ])[0]!;
  const acceptRequestFromVendor = detections([
    acceptPeering({ eventId: 'ev-accept', pcxId: 'pcx-0bbb', requester: VENDOR }),
  ])[0]!;

  it('requester + pending: DeleteVpcPeeringConnection, verified deleted', async () => {
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce(pcx('pcx-0aaa', 'pending-acceptance', PROD, VENDOR))
      .resolves(pcx('pcx-0aaa', 'deleted', PROD, VENDOR));
    ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
    const { remediator, audit } = setup();
    const o = await remediator.handle(create);
    expect([o.status, o.reason]).toEqual(['remediated', 'pcx-0aaa verified deleted after delete-request']);
    expect(inputsOf(DeleteVpcPeeringConnectionCommand)).toEqual([{ VpcPeeringConnectionId: 'pcx-0aaa' }]);
    expect(ec2.commandCalls(RejectVpcPeeringConnectionCommand)).toHaveLength(0);
    expect(audit.entries.map((e) => [e.kind, e.step ?? null])).toEqual([
      ['detection', null],
      ['api-call', 'DescribeVpcPeeringConnections pcx-0aaa'],
      ['decision', null],
      ['api-call', 'DeleteVpcPeeringConnection pcx-0aaa'],
      ['api-call', 'DescribeVpcPeeringConnections pcx-0aaa'],
      ['verification', null],
      ['done', null],
    ]);
  });

  it('accepter + pending: RejectVpcPeeringConnection, verified rejected', async () => {
    const pending = detections([
      record({
        eventId: 'ev-seen',
        eventName: 'CreateVpcPeeringConnection',
        account: VENDOR,
        request: { vpcId: 'vpc-0peer0000000001', peerVpcId: 'vpc-0prod0000000001', peerOwnerId: PROD },
        response: {
          vpcPeeringConnection: {
            vpcPeeringConnectionId: 'pcx-0ccc',
            requesterVpcInfo: { ownerId: VENDOR, vpcId: 'vpc-0peer0000000001' },
            accepterVpcInfo: { ownerId: PROD, vpcId: 'vpc-0prod0000000001' },
            status: { code: 'pending-acceptance' },
          },
        },
      }),
    ])[0]!;
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce(pcx('pcx-0ccc', 'pending-acceptance', VENDOR, PROD))
      .resolves(pcx('pcx-0ccc', 'rejected', VENDOR, PROD));
    ec2.on(RejectVpcPeeringConnectionCommand).resolves({ Return: true });
    const o = await setup().remediator.handle(pending);
    expect(o.status).toBe('remediated');
    expect(inputsOf(RejectVpcPeeringConnectionCommand)).toEqual([{ VpcPeeringConnectionId: 'pcx-0ccc' }]);
    expect(ec2.commandCalls(DeleteVpcPeeringConnectionCommand)).toHaveLength(0);
  });

  it('the seed-000 race: the outsider accepts before our reject lands → reject fails, quarantine routes, delete', async () => {
    const pendingForUs = { ...acceptRequestFromVendor, eventId: 'ev-race' };
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce(pcx('pcx-0bbb', 'pending-acceptance', VENDOR, PROD))
      .resolvesOnce(pcx('pcx-0bbb', 'active', VENDOR, PROD))
      .resolves(pcx('pcx-0bbb', 'deleted', VENDOR, PROD));
    ec2
      .on(RejectVpcPeeringConnectionCommand)
      .rejects(
        awsError(
          'InvalidStateTransition',
          'Invalid state transition for pcx-0bbb, attempted to transition from active to rejected',
        ),
      );
    ec2
      .on(DescribeRouteTablesCommand)
      .resolvesOnce(routeTables({ VpcPeeringConnectionId: 'pcx-0bbb' }))
      .resolves({ RouteTables: [] });
    ec2.on(DeleteRouteCommand).resolves({});
    ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
    const o = await setup().remediator.handle(pendingForUs);
    expect(o.status).toBe('remediated');
    expect(o.calls.map((c) => [c.step, c.ok, c.errorCode ?? null])).toEqual([
      ['RejectVpcPeeringConnection pcx-0bbb', false, 'InvalidStateTransition'],
      ['DeleteRoute rtb-0prod1 172.31.0.0/16', true, null],
      ['DeleteVpcPeeringConnection pcx-0bbb', true, null],
    ]);
    expect(inputsOf(DeleteRouteCommand)).toEqual([
      { RouteTableId: 'rtb-0prod1', DestinationCidrBlock: '172.31.0.0/16' },
    ]);
  });

  it('not visible yet (eventual consistency): retries describe with backoff, then acts', async () => {
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .rejectsOnce(awsError('InvalidVpcPeeringConnectionID.NotFound'))
      .rejectsOnce(awsError('InvalidVpcPeeringConnectionID.NotFound'))
      .resolvesOnce(pcx('pcx-0aaa', 'pending-acceptance', PROD, VENDOR))
      .resolves(pcx('pcx-0aaa', 'deleting', PROD, VENDOR));
    ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
    const { remediator, sleeps } = setup();
    const o = await remediator.handle(create);
    expect(o.status).toBe('remediated');
    expect(sleeps).toEqual([100, 200]);
  });

  it('never visible: escalates to SNS naming the pcx and the attempts', async () => {
    ec2.on(DescribeVpcPeeringConnectionsCommand).rejects(awsError('InvalidVpcPeeringConnectionID.NotFound'));
    const o = await setup().remediator.handle(create);
    expect([o.status, o.reason]).toEqual([
      'escalated',
      'pcx-0aaa not visible after 3 DescribeVpcPeeringConnections (expected the connection the event names)',
    ]);
    const published = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(published.map((p) => [p.TopicArn, p.Subject])).toEqual([
      [TOPIC, 'perimeter ESCALATION: cross-org-peering pcx-0aaa'],
    ]);
  });

  it('throttling (RequestLimitExceeded) is retried with backoff and succeeds', async () => {
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce(pcx('pcx-0aaa', 'pending-acceptance', PROD, VENDOR))
      .resolves(pcx('pcx-0aaa', 'deleted', PROD, VENDOR));
    ec2
      .on(DeleteVpcPeeringConnectionCommand)
      .rejectsOnce(awsError('RequestLimitExceeded'))
      .rejectsOnce(awsError('RequestLimitExceeded'))
      .resolves({ Return: true });
    const { remediator, sleeps } = setup();
    const o = await remediator.handle(create);
    expect(o.calls.map((c) => [c.step, c.ok, c.attempts])).toEqual([
      ['DeleteVpcPeeringConnection pcx-0aaa', true, 3],
    ]);
    expect([o.status, sleeps]).toEqual(['remediated', [100, 200]]);
  });

  it('an AWS error (UnauthorizedOperation) escalates with the error in the SNS message', async () => {
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolves(pcx('pcx-0aaa', 'pending-acceptance', PROD, VENDOR));
    ec2
      .on(DeleteVpcPeeringConnectionCommand)
      .rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const o = await setup().remediator.handle(create);
    expect([o.status, o.reason]).toEqual([
      'escalated',
      'DeleteVpcPeeringConnection pcx-0aaa failed: UnauthorizedOperation: You are not authorized to perform this operation.',
    ]);
    const msg = JSON.parse(sns.commandCalls(PublishCommand)[0]!.args[0].input.Message!) as {
      tried: { errorCode: string }[];
      finding: { ruleId: string };
    };
    expect([msg.finding.ruleId, msg.tried.map((t) => t.errorCode)]).toEqual([
      'cross-org-peering',
      ['UnauthorizedOperation'],
    ]);
  });

  it('delete "succeeds" but the connection stays pending-acceptance: verification fails → escalation', async () => {
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolves(pcx('pcx-0aaa', 'pending-acceptance', PROD, VENDOR));
    ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
    const o = await setup().remediator.handle(create);
    expect(o.status).toBe('escalated');
    expect(o.reason).toBe(
      'verification failed: pcx-0aaa is pending-acceptance with 0 route(s) still targeting it after 3 describes (expected deleted/deleting and no routes)',
    );
    expect(ec2.commandCalls(DeleteVpcPeeringConnectionCommand)).toHaveLength(3);
  });

  it('escalation publish failing too is recorded (the Lambda error alarm catches it)', async () => {
    sns.reset();
    sns
      .on(PublishCommand)
      .rejects(Object.assign(new Error('Topic does not exist'), { name: 'NotFoundException' }));
    ec2.on(DescribeVpcPeeringConnectionsCommand).rejects(awsError('InvalidVpcPeeringConnectionID.NotFound'));
    const store = new MemoryIdempotencyStore();
    const { remediator, audit } = setup('enforce', store);
    const o = await remediator.handle(create);
    expect([o.status, o.escalationError]).toEqual(['escalated', 'NotFoundException: Topic does not exist']);
    expect(audit.entries.filter((e) => e.kind === 'escalation-failed')).toHaveLength(1);
    // Nobody was told: not done, the claim released, so the retry runs again and re-escalates.
    expect(audit.entries.some((e) => e.kind === 'done')).toBe(false);
    expect(await store.peek(detectionKey(create))).toEqual({ state: 'claimed', claimedAt: new Date(0) });
    const again = await remediator.handle(create);
    expect([again.status, sns.commandCalls(PublishCommand).length]).toEqual(['escalated', 2]);
  });

  it('the described owners decide: a connection that turns out to be to a trusted account is never touched', async () => {
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolves(pcx('pcx-0aaa', 'pending-acceptance', PROD, TRUSTED));
    const o = await setup().remediator.handle(create);
    expect(o.status).toBe('no-op');
    expect(ec2.commandCalls(DeleteVpcPeeringConnectionCommand)).toHaveLength(0);
  });

  it('dry run makes no AWS call', async () => {
    const o = await setup('dry-run').remediator.handle(create);
    expect([o.status, o.plan.remedy, ec2.calls().length, sns.calls().length]).toEqual([
      'planned',
      'delete-request',
      0,
      0,
    ]);
  });

  it('dry run marks nothing (planned again next time); a key already done is a duplicate in dry run too', async () => {
    const store = new MemoryIdempotencyStore();
    const { remediator } = setup('dry-run', store);
    expect([(await remediator.handle(create)).status, (await remediator.handle(create)).status]).toEqual([
      'planned',
      'planned',
    ]);
    expect(await store.peek(detectionKey(create))).toEqual({ state: 'absent' });
    const done = setup('dry-run', new MemoryIdempotencyStore([detectionKey(create)]));
    const o = await done.remediator.handle(create);
    expect([o.status, o.reason]).toEqual(['duplicate', 'event ev-create was already handled']);
    expect(done.audit.entries.map((e) => e.kind)).toEqual(['duplicate']);
  });

  it('a claim held by another invocation: duplicate, nothing described; the same claim after the 15-minute lease is taken over', async () => {
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce(pcx('pcx-0aaa', 'pending-acceptance', PROD, VENDOR))
      .resolves(pcx('pcx-0aaa', 'deleted', PROD, VENDOR));
    ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
    const key = detectionKey(create);
    const fresh = new MemoryIdempotencyStore();
    await fresh.claim(key, new Date('2026-11-23T11:59:00Z'));
    const held = setup('enforce', fresh);
    const o = await held.remediator.handle(create);
    expect([o.status, o.reason]).toEqual([
      'duplicate',
      'event ev-create is being handled by another invocation (claimed at 2026-11-23T11:59:00.000Z)',
    ]);
    expect(held.audit.entries.map((e) => [e.kind, e.inProgress, e.claimedAt])).toEqual([
      ['duplicate', true, '2026-11-23T11:59:00.000Z'],
    ]);
    expect(ec2.calls()).toHaveLength(0);
    const stale = new MemoryIdempotencyStore();
    await stale.claim(key, new Date('2026-11-23T11:44:59Z'));
    expect((await setup('enforce', stale).remediator.handle(create)).status).toBe('remediated');
    expect(await stale.peek(key)).toEqual({ state: 'done', status: 'remediated' });
  });

  it('the audit entry "done" is written before the key is completed', async () => {
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce(pcx('pcx-0aaa', 'pending-acceptance', PROD, VENDOR))
      .resolves(pcx('pcx-0aaa', 'deleted', PROD, VENDOR));
    ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
    const inner = new MemoryIdempotencyStore();
    const seenAtComplete: string[] = [];
    const ref: { audit?: { entries: readonly { kind: string }[] } } = {};
    const store: IdempotencyStore = {
      claim: (k, now) => inner.claim(k, now),
      peek: (k) => inner.peek(k),
      release: (k) => inner.release(k),
      complete: (k, status, now) => {
        seenAtComplete.push(ref.audit?.entries.at(-1)?.kind ?? 'none', status);
        return inner.complete(k, status, now);
      },
    };
    const s = setup('enforce', store);
    ref.audit = s.audit;
    expect((await s.remediator.handle(create)).status).toBe('remediated');
    expect(seenAtComplete).toEqual(['done', 'remediated']);
  });

  it('a duplicate eventID is a no-op; out-of-order accept-then-create does not act twice', async () => {
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce(pcx('pcx-0aaa', 'active', PROD, VENDOR))
      .resolves(pcx('pcx-0aaa', 'deleted', PROD, VENDOR));
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
    ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
    const { remediator } = setup();
    // The vendor's acceptance shows up first as our describe saying "active"; the (late) create event
    // for the same pcx arrives after, then a duplicate delivery of it.
    const late = { ...create, eventId: 'ev-late-create' };
    const first = await remediator.handle(create);
    const second = await remediator.handle(late);
    const dup = await remediator.handle(late);
    expect([first.status, second.status, dup.status]).toEqual(['remediated', 'no-op', 'duplicate']);
    expect(second.reason).toBe('pcx-0aaa is already deleted: nothing to do');
    expect(ec2.commandCalls(DeleteVpcPeeringConnectionCommand)).toHaveLength(1);
  });
});

describe('internet gateway remediation: quarantine routes, detach, delete', () => {
  const attach = detections([
    record({
      eventId: 'ev-igw',
      eventName: 'AttachInternetGateway',
      request: { internetGatewayId: 'igw-0abc', vpcId: 'vpc-0prod1' },
      response: { _return: true },
    }),
  ])[0]!;
  const igw = {
    InternetGateways: [
      {
        InternetGatewayId: 'igw-0abc',
        Attachments: [{ VpcId: 'vpc-0prod1', State: 'available' as AttachmentStatus }],
      },
    ],
  };

  it('deletes the route, detaches, deletes; verified NotFound', async () => {
    ec2
      .on(DescribeInternetGatewaysCommand)
      .resolvesOnce(igw)
      .rejects(awsError('InvalidInternetGatewayID.NotFound'));
    ec2
      .on(DescribeRouteTablesCommand)
      .resolvesOnce(routeTables({ GatewayId: 'igw-0abc' }))
      .resolves({ RouteTables: [] });
    ec2.on(DeleteRouteCommand).resolves({});
    ec2.on(DetachInternetGatewayCommand).resolves({});
    ec2.on(DeleteInternetGatewayCommand).resolves({});
    const o = await setup().remediator.handle(attach);
    expect(o.status).toBe('remediated');
    expect(o.calls.map((c) => c.step)).toEqual([
      'DeleteRoute rtb-0prod1 172.31.0.0/16',
      'DetachInternetGateway igw-0abc from vpc-0prod1',
      'DeleteInternetGateway igw-0abc',
    ]);
    expect(inputsOf(DetachInternetGatewayCommand)).toEqual([
      { InternetGatewayId: 'igw-0abc', VpcId: 'vpc-0prod1' },
    ]);
  });

  it('detach refused (DependencyViolation: mapped public addresses) escalates and does not delete', async () => {
    ec2.on(DescribeInternetGatewaysCommand).resolves(igw);
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
    ec2
      .on(DetachInternetGatewayCommand)
      .rejects(
        awsError(
          'DependencyViolation',
          'Network vpc-0prod1 has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.',
        ),
      );
    const o = await setup().remediator.handle(attach);
    expect(o.status).toBe('escalated');
    expect(o.reason).toMatch(
      /^DetachInternetGateway igw-0abc from vpc-0prod1 failed: DependencyViolation: Network vpc-0prod1 has some mapped/,
    );
    expect(ec2.commandCalls(DeleteInternetGatewayCommand)).toHaveLength(0);
  });

  it('delete "succeeds" but the gateway is still described: escalation', async () => {
    ec2.on(DescribeInternetGatewaysCommand).resolves(igw);
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
    ec2.on(DetachInternetGatewayCommand).resolves({});
    ec2.on(DeleteInternetGatewayCommand).resolves({});
    const o = await setup().remediator.handle(attach);
    expect([o.status, o.reason]).toEqual([
      'escalated',
      'verification failed: igw-0abc still exists with 0 route(s) targeting it after 3 describes (expected NotFound and no routes)',
    ]);
  });
});

describe('security group remediation: revoke exactly the offending rule', () => {
  const sgEvent = detections([
    record({
      eventId: '74bd84b4-6729-4895-b2a4-e2beb7c6b377',
      eventName: 'AuthorizeSecurityGroupIngress',
      request: {
        groupId: 'sg-04cfb7a4712d75b00',
        ipPermissions: {},
        ipProtocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        cidrIp: '0.0.0.0/0',
      },
      response: {
        _return: true,
        securityGroupRuleSet: {
          items: [
            {
              groupId: 'sg-04cfb7a4712d75b00',
              securityGroupRuleId: 'sgr-0a11552a7d225f5c7',
              isEgress: false,
              ipProtocol: 'tcp',
              fromPort: 22,
              toPort: 22,
              cidrIpv4: '0.0.0.0/0',
            },
          ],
        },
      },
    }),
  ])[0]!;
  const rules = (withSsh: boolean) => ({
    SecurityGroupRules: [
      {
        SecurityGroupRuleId: 'sgr-0bb31cddb2c27f401',
        IsEgress: false,
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        CidrIpv4: '0.0.0.0/0',
      },
      ...(withSsh
        ? [
            {
              SecurityGroupRuleId: 'sgr-0a11552a7d225f5c7',
              IsEgress: false,
              IpProtocol: 'tcp',
              FromPort: 22,
              ToPort: 22,
              CidrIpv4: '0.0.0.0/0',
            },
          ]
        : []),
    ],
  });

  it('RevokeSecurityGroupIngress with SecurityGroupRuleIds = the one rule; 443 untouched; verified', async () => {
    ec2.on(DescribeSecurityGroupRulesCommand).resolvesOnce(rules(true)).resolves(rules(false));
    ec2.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    const o = await setup().remediator.handle(sgEvent);
    expect(o.status).toBe('remediated');
    expect(inputsOf(RevokeSecurityGroupIngressCommand)).toEqual([
      { GroupId: 'sg-04cfb7a4712d75b00', SecurityGroupRuleIds: ['sgr-0a11552a7d225f5c7'] },
    ]);
  });

  it('revoke returns success but the rule is still there (silent failure): escalation', async () => {
    ec2.on(DescribeSecurityGroupRulesCommand).resolves(rules(true));
    ec2.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    const o = await setup().remediator.handle(sgEvent);
    expect([o.status, o.reason]).toEqual([
      'escalated',
      'verification failed: sgr-0a11552a7d225f5c7 still in sg-04cfb7a4712d75b00 after 3 describes (expected revoked)',
    ]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it('revoke answering Return=false is recorded as RevokeNotApplied and verification decides', async () => {
    ec2.on(DescribeSecurityGroupRulesCommand).resolves(rules(true));
    ec2.on(RevokeSecurityGroupIngressCommand).resolves({ Return: false });
    const o = await setup().remediator.handle(sgEvent);
    expect([o.status, o.calls.map((c) => c.errorCode ?? 'ok')]).toEqual(['escalated', ['RevokeNotApplied']]);
  });

  it('rules without ids (from a snapshot) are matched by content: only the tcp/22 0.0.0.0/0 rule is revoked', async () => {
    const fromSnapshot = {
      ...sgEvent,
      eventId: 'reconcile-1',
      target: {
        kind: 'security-group-rules' as const,
        accountId: PROD,
        region: 'us-east-1',
        groupId: 'sg-04cfb7a4712d75b00',
        rules: [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrV4: '0.0.0.0/0' }],
      },
    };
    ec2.on(DescribeSecurityGroupRulesCommand).resolvesOnce(rules(true)).resolves(rules(false));
    ec2.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    const o = await setup().remediator.handle(fromSnapshot);
    expect(o.status).toBe('remediated');
    expect(inputsOf(RevokeSecurityGroupIngressCommand)).toEqual([
      { GroupId: 'sg-04cfb7a4712d75b00', SecurityGroupRuleIds: ['sgr-0a11552a7d225f5c7'] },
    ]);
  });

  it('rule already gone: no-op, nothing revoked', async () => {
    ec2.on(DescribeSecurityGroupRulesCommand).resolves(rules(false));
    const o = await setup().remediator.handle(sgEvent);
    expect(o.status).toBe('no-op');
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(0);
  });
});

describe('property: trusted or in-org peering is never touched', () => {
  it('over random create/accept events and described states, no Delete/Reject/DeleteRoute targets an allowed peer', async () => {
    const allowed = [...ORG_ACCOUNTS.filter((a) => a !== PROD), TRUSTED];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            kind: fc.constantFrom('create', 'accept'),
            peer: fc.constantFrom(...allowed, VENDOR, '777777777777'),
            described: fc.constantFrom('pending-acceptance', 'active', 'provisioning', 'deleted', 'rejected'),
            n: fc.integer({ min: 0, max: 5 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        async (evs) => {
          ec2.reset();
          const peerOf = new Map<string, { peer: string; kind: string; described: string }>();
          const recs = evs.map((e, i) => {
            const pcxId = `pcx-0p${e.n}`;
            if (!peerOf.has(pcxId)) peerOf.set(pcxId, e);
            const owner = peerOf.get(pcxId)!;
            return owner.kind === 'create'
              ? createPeering({ eventId: `ev-${i}`, pcxId, peerOwner: owner.peer })
              : acceptPeering({ eventId: `ev-${i}`, pcxId, requester: owner.peer });
          });
          ec2
            .on(DescribeVpcPeeringConnectionsCommand)
            .callsFake((input: { VpcPeeringConnectionIds: string[] }) => {
              const id = input.VpcPeeringConnectionIds[0]!;
              const o = peerOf.get(id)!;
              return o.kind === 'create'
                ? pcx(id, o.described, PROD, o.peer)
                : pcx(id, o.described, o.peer, PROD);
            });
          ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
          ec2.on(DeleteVpcPeeringConnectionCommand).resolves({ Return: true });
          ec2.on(RejectVpcPeeringConnectionCommand).resolves({ Return: true });
          const { remediator } = setup();
          for (const d of detections(recs)) await remediator.handle(d);
          const touched = [
            ...inputsOf<{ VpcPeeringConnectionId: string }>(DeleteVpcPeeringConnectionCommand),
            ...inputsOf<{ VpcPeeringConnectionId: string }>(RejectVpcPeeringConnectionCommand),
          ].map((i) => i.VpcPeeringConnectionId);
          for (const id of touched) expect(allowed).not.toContain(peerOf.get(id)!.peer);
          expect(ec2.commandCalls(DeleteRouteCommand)).toHaveLength(0);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});
