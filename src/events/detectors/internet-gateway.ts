// CreateInternetGateway / AttachInternetGateway / CreateRoute to igw-… in an account that must have
// no internet ingress (intent.noInternetIngress: accounts, or OUs resolved through the org tree).
// An IGW attached without a route does nothing; CreateRoute to igw-… is the exposure signal
// (DOMAIN.md §7), so: create medium, attach high, route critical.
import { isZoneMembership, noInternetZone } from '../../checks/shared/zones.js';
import type { Severity } from '../../checks/types.js';
import type { NormalizedEvent, RouteDestination } from '../event-types.js';
import { detection, type Detection, type DetectorContext, type Detector } from './detector.js';

export const internetGateway: Detector = {
  id: 'internet-gateway',
  ruleId: 'igw-in-no-internet-zone',
  title: 'Internet gateway created, attached or routed to in a no-internet zone',
  remediation:
    'Delete the routes that target the internet gateway, detach it from its VPC (DetachInternetGateway), then delete it (DeleteInternetGateway).',
  eventNames: ['CreateInternetGateway', 'AttachInternetGateway', 'CreateRoute'],
  detect(ev: NormalizedEvent, ctx: DetectorContext): readonly Detection[] {
    const d = ev.details;
    let igwId: string | undefined;
    let vpcId: string | undefined;
    let severity: Severity;
    let what: string;
    let extra: Record<string, unknown> = {};
    let route: { routeTableId: string; destination: RouteDestination } | undefined;
    if (d?.kind === 'igw-create') {
      igwId = d.igwId;
      severity = 'medium';
      what = 'created';
    } else if (d?.kind === 'igw-attach') {
      igwId = d.igwId;
      vpcId = d.vpcId;
      severity = 'high';
      what = `attached to ${d.vpcId}`;
    } else if (d?.kind === 'route-create' && d.gatewayId?.startsWith('igw-')) {
      igwId = d.gatewayId;
      severity = 'critical';
      const dest = d.destination
        ? d.destination.kind === 'prefix-list'
          ? d.destination.prefixListId
          : d.destination.cidr
        : '?';
      what = `made a route target: ${d.routeTableId} ${dest} → ${d.gatewayId}`;
      extra = { routeTableId: d.routeTableId, destination: dest };
      if (d.destination) route = { routeTableId: d.routeTableId, destination: d.destination };
    } else return [];
    const zone = noInternetZone(ev.accountId, ctx.estate, ctx.intent);
    if (zone === undefined) return [];
    const id = igwId ?? `unknown-igw-from-${ev.eventId}`;
    const known = isZoneMembership(zone);
    return [
      detection(internetGateway, ev, {
        severity: known ? severity : 'medium',
        resource: {
          id,
          type: 'internet-gateway',
          accountId: ev.accountId,
          region: ev.region,
          ...(vpcId ? { vpcId } : {}),
        },
        message: known
          ? `${ev.principal}: internet gateway ${id} ${what}; ${zone.reason}`
          : `${ev.principal}: internet gateway ${id} ${what}; whether account ${ev.accountId} is in a no-internet OU is unknown (no organization data for it)`,
        evidence: {
          eventName: ev.eventName,
          ...extra,
          ...(vpcId ? { vpcId } : {}),
          zone: known ? zone.via : 'unknown',
        },
        discriminator: ev.eventName,
        target: {
          kind: 'internet-gateway',
          accountId: ev.accountId,
          region: ev.region,
          igwId: id,
          ...(vpcId ? { vpcId } : {}),
          ...(route ? { route } : {}),
        },
      }),
    ];
  },
};
