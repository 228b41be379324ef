// CloudTrail record → NormalizedEvent. Request/response field names are the EC2 Query API names
// CloudTrail logs (camelCase, lists as {"items": [...]}); the VPC-endpoint calls log their request
// wrapped as {"CreateVpcEndpointRequest": {...}} with PascalCase names, so both casings are read.
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
import type {
  EventDetails,
  NormalizedEvent,
  PeeringSideInfo,
  RouteDestination,
  SgIngressRule,
} from './event-types.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined;

/** EC2 Query lists appear as {"items": [...]}, sometimes as a bare array, or empty {}. */
function items(v: unknown): Obj[] {
  if (Array.isArray(v)) return v.filter(isObj);
  if (isObj(v) && Array.isArray(v.items)) return v.items.filter(isObj);
  return [];
}

/** Reads `key` in camelCase or PascalCase. */
function pick(o: Obj | undefined, key: string): unknown {
  if (!o) return undefined;
  if (key in o) return o[key];
  const pascal = key.charAt(0).toUpperCase() + key.slice(1);
  return o[pascal];
}

export type NormalizeResult =
  | { readonly event: NormalizedEvent }
  | {
      readonly skipped: 'error';
      readonly errorCode: string;
      readonly eventId?: string;
      readonly eventName?: string;
    }
  | { readonly skipped: 'invalid'; readonly reason: string };

export interface EnvelopeInfo {
  readonly account?: string;
  readonly region?: string;
}

export function normalizeRecord(
  record: unknown,
  origin: string,
  envelope: EnvelopeInfo = {},
): NormalizeResult {
  if (!isObj(record))
    return {
      skipped: 'invalid',
      reason: `${origin}: expected a CloudTrail record object, got ${record === null ? 'null' : typeof record}`,
    };
  const errorCode = str(record.errorCode);
  const eventId = str(record.eventID);
  const eventName = str(record.eventName);
  if (errorCode !== undefined) {
    return {
      skipped: 'error',
      errorCode,
      ...(eventId ? { eventId } : {}),
      ...(eventName ? { eventName } : {}),
    };
  }
  if (eventId === undefined || eventName === undefined) {
    return {
      skipped: 'invalid',
      reason: `${origin}: record without eventID or eventName (expected a CloudTrail record)`,
    };
  }
  const identity = isObj(record.userIdentity) ? record.userIdentity : {};
  const accountId =
    str(record.recipientAccountId) ?? envelope.account ?? str(identity.accountId) ?? 'unknown';
  const region = str(record.awsRegion) ?? envelope.region ?? 'unknown';
  const principal =
    str(identity.arn) ??
    [str(identity.type), str(identity.principalId) ?? str(identity.invokedBy)].filter(Boolean).join(':');
  const request = isObj(record.requestParameters) ? record.requestParameters : undefined;
  const response = isObj(record.responseElements) ? record.responseElements : undefined;
  const details = detailsFor(eventName, request, response);
  const sourceIp = str(record.sourceIPAddress);
  return {
    event: {
      eventId,
      eventTime: str(record.eventTime) ?? '',
      eventName,
      eventSource: str(record.eventSource) ?? '',
      accountId,
      region,
      principal: principal === '' ? 'unknown' : principal,
      ...(sourceIp ? { sourceIp } : {}),
      ...(details ? { details } : {}),
      origin,
    },
  };
}

function peeringSide(info: unknown): PeeringSideInfo {
  const o = isObj(info) ? info : {};
  const cidrs = new Set<string>();
  const primary = str(pick(o, 'cidrBlock'));
  if (primary) cidrs.add(primary);
  for (const c of items(pick(o, 'cidrBlockSet'))) {
    const v = str(pick(c, 'cidrBlock'));
    if (v) cidrs.add(v);
  }
  for (const c of items(pick(o, 'ipv6CidrBlockSet'))) {
    const v = str(pick(c, 'ipv6CidrBlock'));
    if (v) cidrs.add(v);
  }
  const accountId = str(pick(o, 'ownerId'));
  const vpcId = str(pick(o, 'vpcId'));
  const region = str(pick(o, 'region'));
  return {
    ...(accountId ? { accountId } : {}),
    ...(vpcId ? { vpcId } : {}),
    ...(region ? { region } : {}),
    cidrs: [...cidrs].sort(),
  };
}

function merge(a: PeeringSideInfo, b: Partial<PeeringSideInfo>): PeeringSideInfo {
  return {
    ...a,
    ...(a.accountId === undefined && b.accountId ? { accountId: b.accountId } : {}),
    ...(a.vpcId === undefined && b.vpcId ? { vpcId: b.vpcId } : {}),
    ...(a.region === undefined && b.region ? { region: b.region } : {}),
  };
}

function statusCode(pcx: Obj | undefined): string | undefined {
  const s = pick(pcx, 'status');
  return isObj(s) ? str(pick(s, 'code')) : str(s);
}

function sgRuleFromResponse(r: Obj): SgIngressRule {
  const ruleId = str(r.securityGroupRuleId);
  const fromPort = num(r.fromPort);
  const toPort = num(r.toPort);
  const cidrV4 = str(r.cidrIpv4);
  const cidrV6 = str(r.cidrIpv6);
  const prefixListId = str(r.prefixListId);
  const ref = isObj(r.referencedGroupInfo) ? str(r.referencedGroupInfo.groupId) : undefined;
  return {
    ...(ruleId ? { ruleId } : {}),
    protocol: (str(r.ipProtocol) ?? '-1').toLowerCase(),
    ...(fromPort !== undefined ? { fromPort } : {}),
    ...(toPort !== undefined ? { toPort } : {}),
    ...(cidrV4 ? { cidrV4 } : {}),
    ...(cidrV6 ? { cidrV6 } : {}),
    ...(prefixListId ? { prefixListId } : {}),
    ...(ref ? { referencedGroupId: ref } : {}),
  };
}

/** The request, in either shape: nested ipPermissions.items or legacy flat cidrIp/fromPort/toPort. */
function sgRulesFromRequest(req: Obj): SgIngressRule[] {
  const out: SgIngressRule[] = [];
  for (const p of items(req.ipPermissions)) {
    const base = {
      protocol: (str(p.ipProtocol) ?? '-1').toLowerCase(),
      ...(num(p.fromPort) !== undefined ? { fromPort: num(p.fromPort) } : {}),
      ...(num(p.toPort) !== undefined ? { toPort: num(p.toPort) } : {}),
    };
    for (const r of items(p.ipRanges)) if (str(r.cidrIp)) out.push({ ...base, cidrV4: str(r.cidrIp) });
    for (const r of items(p.ipv6Ranges)) if (str(r.cidrIpv6)) out.push({ ...base, cidrV6: str(r.cidrIpv6) });
    for (const r of items(p.prefixListIds))
      if (str(r.prefixListId)) out.push({ ...base, prefixListId: str(r.prefixListId) });
    for (const r of items(p.groups))
      if (str(r.groupId)) out.push({ ...base, referencedGroupId: str(r.groupId) });
  }
  const flatCidr = str(req.cidrIp);
  if (flatCidr) {
    out.push({
      protocol: (str(req.ipProtocol) ?? '-1').toLowerCase(),
      ...(num(req.fromPort) !== undefined ? { fromPort: num(req.fromPort) } : {}),
      ...(num(req.toPort) !== undefined ? { toPort: num(req.toPort) } : {}),
      cidrV4: flatCidr,
    });
  }
  return out;
}

function routeDestination(req: Obj): RouteDestination | undefined {
  const v4 = str(req.destinationCidrBlock);
  if (v4) return { kind: 'cidr', cidr: v4 };
  const v6 = str(req.destinationIpv6CidrBlock);
  if (v6) return { kind: 'ipv6', cidr: v6 };
  const pl = str(req.destinationPrefixListId);
  if (pl) return { kind: 'prefix-list', prefixListId: pl };
  return undefined;
}

function endpointRequest(req: Obj | undefined, wrapper: string): Obj {
  if (!req) return {};
  const inner = req[wrapper];
  return isObj(inner) ? inner : req;
}

function policyString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isObj(v)) return JSON.stringify(v);
  return undefined;
}

export function detailsFor(
  eventName: string,
  req: Obj | undefined,
  res: Obj | undefined,
): EventDetails | undefined {
  switch (eventName) {
    case 'CreateVpcPeeringConnection': {
      const pcx = isObj(pick(res, 'vpcPeeringConnection'))
        ? (pick(res, 'vpcPeeringConnection') as Obj)
        : undefined;
      const requester = merge(peeringSide(pick(pcx, 'requesterVpcInfo')), {
        ...(str(req?.vpcId) ? { vpcId: str(req?.vpcId) } : {}),
      });
      const accepter = merge(peeringSide(pick(pcx, 'accepterVpcInfo')), {
        ...(str(req?.peerOwnerId) ? { accountId: str(req?.peerOwnerId) } : {}),
        ...(str(req?.peerVpcId) ? { vpcId: str(req?.peerVpcId) } : {}),
        ...(str(req?.peerRegion) ? { region: str(req?.peerRegion) } : {}),
      });
      const pcxId = str(pick(pcx, 'vpcPeeringConnectionId'));
      const status = statusCode(pcx);
      const expirationTime = str(pick(pcx, 'expirationTime'));
      return {
        kind: 'peering-create',
        ...(pcxId ? { pcxId } : {}),
        ...(status ? { status } : {}),
        requester,
        accepter,
        ...(expirationTime ? { expirationTime } : {}),
      };
    }
    case 'AcceptVpcPeeringConnection': {
      const pcx = isObj(pick(res, 'vpcPeeringConnection'))
        ? (pick(res, 'vpcPeeringConnection') as Obj)
        : undefined;
      const pcxId = str(pick(pcx, 'vpcPeeringConnectionId')) ?? str(req?.vpcPeeringConnectionId);
      if (!pcxId) return undefined;
      const status = statusCode(pcx);
      return {
        kind: 'peering-accept',
        pcxId,
        ...(status ? { status } : {}),
        requester: peeringSide(pick(pcx, 'requesterVpcInfo')),
        accepter: peeringSide(pick(pcx, 'accepterVpcInfo')),
      };
    }
    case 'CreateInternetGateway': {
      const igw = isObj(pick(res, 'internetGateway')) ? (pick(res, 'internetGateway') as Obj) : undefined;
      const igwId = str(pick(igw, 'internetGatewayId'));
      return { kind: 'igw-create', ...(igwId ? { igwId } : {}) };
    }
    case 'AttachInternetGateway': {
      const igwId = str(req?.internetGatewayId);
      const vpcId = str(req?.vpcId);
      return igwId && vpcId ? { kind: 'igw-attach', igwId, vpcId } : undefined;
    }
    case 'CreateRoute': {
      const routeTableId = str(req?.routeTableId);
      if (!req || !routeTableId) return undefined;
      const destination = routeDestination(req);
      const gatewayId = str(req.gatewayId);
      return {
        kind: 'route-create',
        routeTableId,
        ...(destination ? { destination } : {}),
        ...(gatewayId ? { gatewayId } : {}),
      };
    }
    case 'AuthorizeSecurityGroupIngress': {
      // responseElements.securityGroupRuleSet is the same for both request shapes and carries
      // the rule ids (sgr-…) that RevokeSecurityGroupIngress takes.
      const fromResponse = items(res?.securityGroupRuleSet).filter((r) => r.isEgress !== true);
      const rules =
        fromResponse.length > 0 ? fromResponse.map(sgRuleFromResponse) : req ? sgRulesFromRequest(req) : [];
      const groupId = str(req?.groupId) ?? str(fromResponse[0]?.groupId) ?? undefined;
      return { kind: 'sg-ingress', ...(groupId ? { groupId } : {}), rules };
    }
    case 'CreateVpcEndpoint':
    case 'ModifyVpcEndpoint': {
      const create = eventName === 'CreateVpcEndpoint';
      const r = endpointRequest(req, create ? 'CreateVpcEndpointRequest' : 'ModifyVpcEndpointRequest');
      const ep = isObj(pick(res, 'vpcEndpoint'))
        ? (pick(res, 'vpcEndpoint') as Obj)
        : isObj(pick(res, 'CreateVpcEndpointResponse'))
          ? (pick(pick(res, 'CreateVpcEndpointResponse') as Obj, 'vpcEndpoint') as Obj | undefined)
          : undefined;
      const endpointId = str(pick(r, 'vpcEndpointId')) ?? str(pick(ep, 'vpcEndpointId'));
      const vpcId = str(pick(r, 'vpcId')) ?? str(pick(ep, 'vpcId'));
      const serviceName = str(pick(r, 'serviceName')) ?? str(pick(ep, 'serviceName'));
      const policyDocument =
        policyString(pick(r, 'policyDocument')) ?? policyString(pick(ep, 'policyDocument'));
      const reset = pick(r, 'resetPolicy');
      return {
        kind: 'endpoint-policy',
        action: create ? 'create' : 'modify',
        ...(endpointId ? { endpointId } : {}),
        ...(vpcId ? { vpcId } : {}),
        ...(serviceName ? { serviceName } : {}),
        ...(policyDocument !== undefined ? { policyDocument } : {}),
        ...(reset === true || reset === 'true' ? { resetPolicy: true } : {}),
      };
    }
    default:
      return undefined;
  }
}
