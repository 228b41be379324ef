// Synthetic CloudTrail records for peering/endpoint tests (no real trail in the fixtures has them).
// Shapes follow the CloudTrail record contents and the EC2 API reference for
// CreateVpcPeeringConnection / AcceptVpcPeeringConnection / CreateVpcEndpoint (responseElements
// mirror the API response, camelCase, lists as {"items": [...]}). SYNTHETIC.
export const PROD = '333333333333';
export const VENDOR = '999999999999';

export function record(o: {
  eventId: string;
  eventName: string;
  account?: string;
  time?: string;
  request?: unknown;
  response?: unknown;
  errorCode?: string;
}): Record<string, unknown> {
  const account = o.account ?? PROD;
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLE:dev',
      arn: `arn:aws:sts::${account}:assumed-role/dev/alice`,
      accountId: account,
    },
    eventTime: o.time ?? '2026-11-23T10:00:00Z',
    eventSource: 'ec2.amazonaws.com',
    eventName: o.eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2',
    requestParameters: o.request ?? null,
    responseElements: o.response ?? null,
    ...(o.errorCode ? { errorCode: o.errorCode, errorMessage: 'failed' } : {}),
    requestID: `req-${o.eventId}`,
    eventID: o.eventId,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account,
  };
}

export function createPeering(o: {
  eventId: string;
  pcxId: string;
  peerOwner: string;
  account?: string;
  time?: string;
}) {
  const account = o.account ?? PROD;
  return record({
    eventId: o.eventId,
    eventName: 'CreateVpcPeeringConnection',
    account,
    ...(o.time ? { time: o.time } : {}),
    request: { vpcId: 'vpc-0prod0000000001', peerVpcId: 'vpc-0peer0000000001', peerOwnerId: o.peerOwner },
    response: {
      requestId: 'r1',
      vpcPeeringConnection: {
        vpcPeeringConnectionId: o.pcxId,
        requesterVpcInfo: {
          ownerId: account,
          vpcId: 'vpc-0prod0000000001',
          cidrBlock: '10.3.0.0/16',
          cidrBlockSet: { items: [{ cidrBlock: '10.3.0.0/16' }] },
          region: 'us-east-1',
        },
        accepterVpcInfo: { ownerId: o.peerOwner, vpcId: 'vpc-0peer0000000001', region: 'us-east-1' },
        status: { code: 'initiating-request', message: `Initiating Request to ${o.peerOwner}` },
        expirationTime: 'Nov 30, 2026 10:00:00 AM',
        tagSet: {},
      },
    },
  });
}

export function acceptPeering(o: {
  eventId: string;
  pcxId: string;
  requester: string;
  account?: string;
  time?: string;
}) {
  const account = o.account ?? PROD;
  return record({
    eventId: o.eventId,
    eventName: 'AcceptVpcPeeringConnection',
    account,
    ...(o.time ? { time: o.time } : {}),
    request: { vpcPeeringConnectionId: o.pcxId },
    response: {
      requestId: 'r2',
      vpcPeeringConnection: {
        vpcPeeringConnectionId: o.pcxId,
        requesterVpcInfo: {
          ownerId: o.requester,
          vpcId: 'vpc-0peer0000000001',
          cidrBlock: '172.31.0.0/16',
          region: 'us-east-1',
        },
        accepterVpcInfo: {
          ownerId: account,
          vpcId: 'vpc-0prod0000000001',
          cidrBlock: '10.3.0.0/16',
          region: 'us-east-1',
        },
        status: { code: 'provisioning', message: 'Provisioning' },
        tagSet: {},
      },
    },
  });
}

export function envelope(detail: Record<string, unknown>): Record<string, unknown> {
  return {
    version: '0',
    id: `env-${String(detail.eventID)}`,
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.ec2',
    account: detail.recipientAccountId,
    time: detail.eventTime,
    region: 'us-east-1',
    resources: [],
    detail,
  };
}
