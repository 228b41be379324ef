import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../src/checks/fingerprint.js';
import { intentSchema } from '../../src/config/intent.js';
import { buildEstate } from '../../src/estate/build.js';
import { detectAll } from '../../src/events/detect.js';
import { parseEventInput } from '../../src/events/parse-input.js';
import { orgDocument } from './support/peering.js';
import { acceptPeering, createPeering, PROD, record, VENDOR } from './support/events.js';

const estate = buildEstate([
  { file: 'organization/org.json', accountId: '111111111111', region: 'global', data: orgDocument() },
]);
const intent = intentSchema.parse({
  trustedAccounts: [{ id: '888888888888', name: 'monitoring vendor' }],
  noInternetIngress: ['ou-root-prod'],
});

function detect(records: Record<string, unknown>[], i = intent, e = estate) {
  const parsed = parseEventInput(JSON.stringify({ Records: records }), 'synthetic.json');
  return detectAll(parsed.events, { estate: e, intent: i });
}

describe('peering detectors (synthetic events)', () => {
  it('CreateVpcPeeringConnection to an outside account: high, we are the requester → delete the request', () => {
    const d = detect([createPeering({ eventId: 'ev-1', pcxId: 'pcx-0aaa', peerOwner: VENDOR })]);
    expect(d.map((x) => [x.detectorId, x.finding.ruleId, x.finding.severity, x.finding.resource.id])).toEqual(
      [['peering-request', 'cross-org-peering', 'high', 'pcx-0aaa']],
    );
    expect(d[0]?.finding.evidence).toMatchObject({
      ourSide: 'requester',
      remedy: 'delete-request',
      accepter: { accountId: VENDOR, trust: 'outside' },
    });
    expect(d[0]?.target).toEqual({
      kind: 'peering',
      accountId: PROD,
      region: 'us-east-1',
      pcxId: 'pcx-0aaa',
    });
  });

  it('in-org and trusted peers are not detected', () => {
    expect(
      detect([
        createPeering({ eventId: 'ev-2', pcxId: 'pcx-0bbb', peerOwner: '222222222222' }),
        createPeering({ eventId: 'ev-3', pcxId: 'pcx-0ccc', peerOwner: '888888888888' }),
        acceptPeering({ eventId: 'ev-4', pcxId: 'pcx-0ddd', requester: '555555555555' }),
      ]),
    ).toEqual([]);
  });

  it('AcceptVpcPeeringConnection of an outside request: critical (provisioning), quarantine then delete', () => {
    const d = detect([acceptPeering({ eventId: 'ev-5', pcxId: 'pcx-0eee', requester: VENDOR })]);
    expect(
      d.map((x) => [x.detectorId, x.finding.severity, x.finding.evidence.ourSide, x.finding.evidence.remedy]),
    ).toEqual([['peering-accept', 'critical', 'accepter', 'quarantine-then-delete']]);
  });

  it('without organization data and organizationId the peer is unknown: medium, not silently safe', () => {
    const d = detect(
      [createPeering({ eventId: 'ev-6', pcxId: 'pcx-0fff', peerOwner: VENDOR })],
      intentSchema.parse({}),
      buildEstate([]),
    );
    expect(
      d.map((x) => [x.finding.severity, (x.finding.evidence.accepter as { trust: string }).trust]),
    ).toEqual([['medium', 'unknown']]);
  });

  it('a failed CreateVpcPeeringConnection (errorCode) is ignored', () => {
    const failed = {
      ...createPeering({ eventId: 'ev-7', pcxId: 'pcx-0ggg', peerOwner: VENDOR }),
      errorCode: 'Client.UnauthorizedOperation',
      responseElements: null,
    };
    expect(detect([failed])).toEqual([]);
  });
});

describe('internet gateway detector: OU zones through the organization tree', () => {
  it('CreateRoute to igw- in an account under ou-root-prod is critical; the sandbox OU is not reported', () => {
    const route = (eventId: string, account: string) =>
      record({
        eventId,
        eventName: 'CreateRoute',
        account,
        request: { routeTableId: 'rtb-01', destinationIpv6CidrBlock: '::/0', gatewayId: 'igw-0abc' },
        response: { _return: true },
      });
    const d = detect([route('ev-8', PROD), route('ev-9', '444444444444')]);
    expect(
      d.map((x) => [x.eventId, x.finding.severity, x.finding.evidence.zone, x.finding.evidence.destination]),
    ).toEqual([['ev-8', 'critical', 'ou-root-prod', '::/0']]);
  });
});

describe('security group detector: CIDR union, IPv6', () => {
  it('0.0.0.0/1 + 128.0.0.0/1 on 3389 is the whole internet; ::/0 on 5432 too; a /8 is not', () => {
    const sgEvent = (eventId: string, rules: Record<string, unknown>[]) =>
      record({
        eventId,
        eventName: 'AuthorizeSecurityGroupIngress',
        request: { groupId: 'sg-0abc' },
        response: { _return: true, securityGroupRuleSet: { items: rules } },
      });
    const rule = (id: string, port: number, cidr: Record<string, string>) => ({
      groupId: 'sg-0abc',
      securityGroupRuleId: id,
      isEgress: false,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      ...cidr,
    });
    const d = detect([
      sgEvent('ev-10', [
        rule('sgr-1', 3389, { cidrIpv4: '0.0.0.0/1' }),
        rule('sgr-2', 3389, { cidrIpv4: '128.0.0.0/1' }),
      ]),
      sgEvent('ev-11', [rule('sgr-3', 5432, { cidrIpv6: '::/0' })]),
      sgEvent('ev-12', [rule('sgr-4', 22, { cidrIpv4: '10.0.0.0/8' })]),
    ]);
    expect(d.map((x) => [x.eventId, x.finding.evidence.ruleIds, x.finding.evidence.openPorts])).toEqual([
      ['ev-10', ['sgr-1', 'sgr-2'], [{ protocol: 'tcp', port: 3389, ipVersions: [4] }]],
      ['ev-11', ['sgr-3'], [{ protocol: 'tcp', port: 5432, ipVersions: [6] }]],
    ]);
  });
});

describe("endpoint policy detector (the scan's policy-lame-duck-condition findings)", () => {
  it('ModifyVpcEndpoint with aws:SourceIp in the policy (L3: never present through an endpoint) is reported; a clean policy is not', () => {
    const policy = (condition: unknown) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: '*',
            ...(condition ? { Condition: condition } : {}),
          },
        ],
      });
    const modify = (eventId: string, doc: string) =>
      record({
        eventId,
        eventName: 'ModifyVpcEndpoint',
        request: { ModifyVpcEndpointRequest: { VpcEndpointId: 'vpce-0abc', PolicyDocument: doc } },
        response: { ModifyVpcEndpointResponse: { return: true } },
      });
    const d = detect([
      modify('ev-13', policy({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })),
      modify('ev-14', policy({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123defg' } })),
    ]);
    expect(
      d.map((x) => [
        x.eventId,
        x.finding.ruleId,
        x.finding.evidence.code,
        x.finding.evidence.path,
        x.target.kind,
      ]),
    ).toEqual([
      [
        'ev-13',
        'policy-lame-duck-condition',
        'L3',
        '$.Statement[0].Condition.IpAddress["aws:SourceIp"]',
        'notify',
      ],
    ]);
    // The scan's fingerprint for this policy, code and path (not tied to the event).
    expect(d[0]?.finding.fingerprint).toBe(
      fingerprintOf(
        'policy-lame-duck-condition',
        'vpce-0abc',
        'vpce-0abc|L3|$.Statement[0].Condition.IpAddress["aws:SourceIp"]',
      ),
    );
  });

  it('one finding per lint code and path, each with the scan granularity; the same policy set again keeps its fingerprints', () => {
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: {
            IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
            StringEquals: { 'aws:SourceVpc': 'vpc-0other000000001' },
          },
        },
      ],
    });
    const create = (eventId: string) =>
      record({
        eventId,
        eventName: 'CreateVpcEndpoint',
        request: {
          CreateVpcEndpointRequest: {
            VpcId: 'vpc-0app0000000001',
            ServiceName: 'com.amazonaws.us-east-1.s3',
            PolicyDocument: doc,
          },
        },
        response: {
          CreateVpcEndpointResponse: {
            vpcEndpoint: { vpcEndpointId: 'vpce-0new', vpcId: 'vpc-0app0000000001' },
          },
        },
      });
    const d = [...detect([create('ev-15'), create('ev-16')])].sort(
      (a, b) =>
        a.eventId.localeCompare(b.eventId) ||
        String(a.finding.evidence.code).localeCompare(String(b.finding.evidence.code)),
    );
    expect(
      d.map((x) => [x.eventId, x.finding.evidence.code, x.finding.severity, x.finding.resource.vpcId]),
    ).toEqual([
      ['ev-15', 'L3', 'high', 'vpc-0app0000000001'],
      ['ev-15', 'L4', 'high', 'vpc-0app0000000001'],
      ['ev-16', 'L3', 'high', 'vpc-0app0000000001'],
      ['ev-16', 'L4', 'high', 'vpc-0app0000000001'],
    ]);
    expect(d[0]?.finding.message).toMatch(
      /^arn:aws:sts::333333333333:assumed-role\/dev\/alice set the endpoint policy of vpce-0new \(com\.amazonaws\.us-east-1\.s3\) in CreateVpcEndpoint: vpce-0new endpoint policy \(vpce policy\) L3: /,
    );
    expect(d[2]?.finding.fingerprint).toBe(d[0]?.finding.fingerprint);
    expect(d[1]?.finding.fingerprint).not.toBe(d[0]?.finding.fingerprint);
  });

  it('a policy that is not JSON is reported as unknown, not as clean', () => {
    const d = detect([
      record({
        eventId: 'ev-17',
        eventName: 'ModifyVpcEndpoint',
        request: {
          ModifyVpcEndpointRequest: { VpcEndpointId: 'vpce-0bad', PolicyDocument: '{"Statement": [' },
        },
        response: { ModifyVpcEndpointResponse: { return: true } },
      }),
    ]);
    expect(d.map((x) => [x.finding.ruleId, x.finding.severity, x.target.kind])).toEqual([
      ['policy-lame-duck-condition', 'medium', 'notify'],
    ]);
    expect(d[0]?.finding.message).toBe(
      'vpce-0bad: the endpoint policy in ModifyVpcEndpoint is not JSON; whether it has lame-duck conditions is unknown',
    );
  });
});

describe('security group detector: union with the rules the snapshot already has', () => {
  const snapshot = buildEstate([
    {
      file: 'accounts/333333333333/us-east-1/sg.json',
      accountId: PROD,
      region: 'us-east-1',
      data: {
        SecurityGroups: [
          {
            GroupId: 'sg-0half',
            GroupName: 'half',
            Description: 'x',
            VpcId: 'vpc-01',
            OwnerId: PROD,
            IpPermissions: [
              {
                IpProtocol: 'tcp',
                FromPort: 22,
                ToPort: 22,
                IpRanges: [{ CidrIp: '128.0.0.0/1' }],
                Ipv6Ranges: [],
                PrefixListIds: [],
                UserIdGroupPairs: [],
              },
              {
                IpProtocol: 'tcp',
                FromPort: 3389,
                ToPort: 3389,
                IpRanges: [{ CidrIp: '0.0.0.0/0' }],
                Ipv6Ranges: [],
                PrefixListIds: [],
                UserIdGroupPairs: [],
              },
            ],
            IpPermissionsEgress: [],
          },
        ],
      },
    },
  ]);
  const add = (eventId: string, port: number, cidr: string) =>
    record({
      eventId,
      eventName: 'AuthorizeSecurityGroupIngress',
      request: { groupId: 'sg-0half' },
      response: {
        securityGroupRuleSet: {
          items: [
            {
              groupId: 'sg-0half',
              securityGroupRuleId: `sgr-${eventId}`,
              isEgress: false,
              ipProtocol: 'tcp',
              fromPort: port,
              toPort: port,
              cidrIpv4: cidr,
            },
          ],
        },
      },
    });

  it('0.0.0.0/1 added next to an existing 128.0.0.0/1 on 22 opens SSH to the world: only the new rule is revoked', () => {
    const d = detect([add('ev-20', 22, '0.0.0.0/1')], intent, snapshot);
    expect(d.map((x) => [x.finding.evidence.ruleIds, x.finding.evidence.existingRulesInUnion])).toEqual([
      [['sgr-ev-20'], ['(no rule id) tcp 22 from 128.0.0.0/1']],
    ]);
  });

  it('adding 10.0.0.0/8 on 3389, already open to the world, is not this event’s finding', () => {
    expect(detect([add('ev-21', 3389, '10.0.0.0/8')], intent, snapshot)).toEqual([]);
  });
});
