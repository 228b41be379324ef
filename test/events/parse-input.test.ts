import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseEventInput } from '../../src/events/parse-input.js';
import { createPeering, envelope, record } from './support/events.js';

// Both AuthorizeSecurityGroupIngress shapes, verbatim from the invictus fixture
// (../shared/fixtures/cloudtrail-invictus, 218007301253_..._20230710T1215Z_YMDRJwtmC82bUwAo.json).
const nested = record({
  eventId: '7e96f0e7-4d78-423d-b3f5-391370685b30',
  eventName: 'AuthorizeSecurityGroupIngress',
  request: {
    groupId: 'sg-04cfb7a4712d75b00',
    ipPermissions: {
      items: [
        {
          ipProtocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          groups: {},
          ipRanges: { items: [{ cidrIp: '0.0.0.0/0', description: 'TLS from Internet' }] },
          ipv6Ranges: {},
          prefixListIds: {},
        },
      ],
    },
  },
  response: {
    _return: true,
    securityGroupRuleSet: {
      items: [
        {
          groupOwnerId: '123837392027',
          groupId: 'sg-04cfb7a4712d75b00',
          securityGroupRuleId: 'sgr-0bb31cddb2c27f401',
          isEgress: false,
          ipProtocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          cidrIpv4: '0.0.0.0/0',
        },
      ],
    },
  },
});
const flatNoResponse = record({
  eventId: 'flat-1',
  eventName: 'AuthorizeSecurityGroupIngress',
  request: {
    groupId: 'sg-0a',
    ipPermissions: {},
    ipProtocol: 'tcp',
    fromPort: 22,
    toPort: 22,
    cidrIp: '0.0.0.0/0',
  },
  response: { _return: true },
});

describe('parseEventInput', () => {
  it('reads a trail file, skipping and counting failed calls by errorCode', () => {
    const text = JSON.stringify({
      Records: [
        nested,
        record({ eventId: 'e2', eventName: 'CreateVpc', errorCode: 'Client.VpcLimitExceeded' }),
      ],
    });
    const r = parseEventInput(text, 'trail.json');
    expect(r.events.map((e) => e.eventId)).toEqual(['7e96f0e7-4d78-423d-b3f5-391370685b30']);
    expect([r.records, r.failedCalls, r.failedByCode]).toEqual([2, 1, { 'Client.VpcLimitExceeded': 1 }]);
  });

  it('reads gzip trail files, EventBridge envelopes and JSON lines alike', () => {
    const gz = parseEventInput(gzipSync(JSON.stringify({ Records: [nested] })), 'trail.json.gz');
    const env = parseEventInput(JSON.stringify(envelope(nested)), 'event.json');
    const lines = parseEventInput(
      `${JSON.stringify(envelope(nested))}\n${JSON.stringify(flatNoResponse)}\n`,
      'x.jsonl',
    );
    expect(gz.events.map((e) => e.eventId)).toEqual(['7e96f0e7-4d78-423d-b3f5-391370685b30']);
    expect(env.events.map((e) => [e.eventId, e.accountId, e.region])).toEqual([
      ['7e96f0e7-4d78-423d-b3f5-391370685b30', '333333333333', 'us-east-1'],
    ]);
    expect(lines.events.map((e) => e.eventId)).toEqual(['7e96f0e7-4d78-423d-b3f5-391370685b30', 'flat-1']);
  });

  it('AuthorizeSecurityGroupIngress: rule ids from securityGroupRuleSet; legacy flat request when no rule set', () => {
    const r = parseEventInput(JSON.stringify({ Records: [nested, flatNoResponse] }), 't.json');
    expect(r.events.map((e) => e.details)).toEqual([
      {
        kind: 'sg-ingress',
        groupId: 'sg-04cfb7a4712d75b00',
        rules: [
          {
            ruleId: 'sgr-0bb31cddb2c27f401',
            protocol: 'tcp',
            fromPort: 443,
            toPort: 443,
            cidrV4: '0.0.0.0/0',
          },
        ],
      },
      {
        kind: 'sg-ingress',
        groupId: 'sg-0a',
        rules: [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrV4: '0.0.0.0/0' }],
      },
    ]);
  });

  it('CreateVpcPeeringConnection keeps both owners, VPCs and the pcx id (synthetic record)', () => {
    const r = parseEventInput(
      JSON.stringify(createPeering({ eventId: 'p1', pcxId: 'pcx-0a1', peerOwner: '999999999999' })),
      'p.json',
    );
    expect(r.events[0]?.details).toMatchObject({
      kind: 'peering-create',
      pcxId: 'pcx-0a1',
      status: 'initiating-request',
      requester: { accountId: '333333333333', vpcId: 'vpc-0prod0000000001', cidrs: ['10.3.0.0/16'] },
      accepter: { accountId: '999999999999', vpcId: 'vpc-0peer0000000001' },
    });
    expect(r.events[0]?.principal).toBe('arn:aws:sts::333333333333:assumed-role/dev/alice');
  });

  it('names what is wrong with input that is not CloudTrail', () => {
    const r = parseEventInput('{"hello": 1}\nnot json\n', 'bad.jsonl');
    expect(r.invalid).toEqual([
      'bad.jsonl:1: record without eventID or eventName (expected a CloudTrail record)',
      expect.stringMatching(/^bad\.jsonl:2: not JSON/),
    ]);
  });
});
