// Remediation steps (the AWS calls) and the dry-run plan for a detection. The remediator rebuilds
// the steps from freshly described state before acting; the plan here is what it would do given
// what the event and the snapshot say.
import { remedyFor, type PeeringRemedy } from '../checks/network/cross-org-peering.js';
import type { Estate } from '../estate/model.js';
import type { RouteDestination } from './event-types.js';
import type { Detection } from './detectors/detector.js';
import type { RemediationTarget } from './remediation-target.js';

export type Step =
  | { readonly api: 'DeleteVpcPeeringConnection'; readonly pcxId: string }
  | { readonly api: 'RejectVpcPeeringConnection'; readonly pcxId: string }
  | { readonly api: 'DeleteRoute'; readonly routeTableId: string; readonly destination: RouteDestination }
  | { readonly api: 'DetachInternetGateway'; readonly igwId: string; readonly vpcId: string }
  | { readonly api: 'DeleteInternetGateway'; readonly igwId: string }
  | {
      readonly api: 'RevokeSecurityGroupIngress';
      readonly groupId: string;
      readonly ruleIds: readonly string[];
      /** Rules without a known id, matched against DescribeSecurityGroupRules at execution. */
      readonly matching?: readonly string[];
    }
  | { readonly api: 'Publish'; readonly subject: string };

export interface Plan {
  readonly target: RemediationTarget;
  /** What DOMAIN.md §6 prescribes (peering), or the action family. */
  readonly remedy: PeeringRemedy | 'detach-then-delete-igw' | 'revoke-rules' | 'notify';
  readonly steps: readonly Step[];
  /** What the remediator does before and after (re-describe, verify). */
  readonly notes: readonly string[];
}

export function destinationText(d: RouteDestination): string {
  return d.kind === 'prefix-list' ? d.prefixListId : d.cidr;
}

export function stepText(s: Step): string {
  switch (s.api) {
    case 'DeleteVpcPeeringConnection':
    case 'RejectVpcPeeringConnection':
      return `${s.api} ${s.pcxId}`;
    case 'DeleteRoute':
      return `DeleteRoute ${s.routeTableId} ${destinationText(s.destination)}`;
    case 'DetachInternetGateway':
      return `DetachInternetGateway ${s.igwId} from ${s.vpcId}`;
    case 'DeleteInternetGateway':
      return `DeleteInternetGateway ${s.igwId}`;
    case 'RevokeSecurityGroupIngress':
      return `RevokeSecurityGroupIngress ${s.groupId} SecurityGroupRuleIds=${[...s.ruleIds, ...(s.matching ?? []).map((m) => `<${m}>`)].join(',')}`;
    case 'Publish':
      return `Publish ${JSON.stringify(s.subject)}`;
  }
}

/** Steps for a peering connection in `status` seen from `ourSide`, given the routes that target it. */
export function peeringSteps(
  pcxId: string,
  status: string,
  ourSide: 'requester' | 'accepter' | 'both' | 'unknown',
  routes: readonly { routeTableId: string; destination: RouteDestination }[],
): { remedy: PeeringRemedy; steps: Step[] } {
  const remedy = remedyFor(status, ourSide);
  switch (remedy) {
    case 'delete-request':
      return { remedy, steps: [{ api: 'DeleteVpcPeeringConnection', pcxId }] };
    case 'reject-request':
      return { remedy, steps: [{ api: 'RejectVpcPeeringConnection', pcxId }] };
    case 'quarantine-then-delete':
      return {
        remedy,
        steps: [
          ...routes.map((r) => ({
            api: 'DeleteRoute' as const,
            routeTableId: r.routeTableId,
            destination: r.destination,
          })),
          { api: 'DeleteVpcPeeringConnection', pcxId },
        ],
      };
    default:
      return { remedy, steps: [] };
  }
}

function routesInEstate(
  estate: Estate,
  targetId: string,
): { routeTableId: string; destination: RouteDestination }[] {
  const out: { routeTableId: string; destination: RouteDestination }[] = [];
  for (const rt of estate.routeTables.values()) {
    for (const r of rt.routes) {
      if (r.target.id !== targetId) continue;
      const d = r.destination;
      out.push({
        routeTableId: rt.id,
        destination:
          d.kind === 'prefix-list'
            ? { kind: 'prefix-list', prefixListId: d.prefixListId }
            : d.version === 6
              ? { kind: 'ipv6', cidr: d.cidr }
              : { kind: 'cidr', cidr: d.cidr },
      });
    }
  }
  return out.sort(
    (a, b) =>
      a.routeTableId.localeCompare(b.routeTableId) ||
      destinationText(a.destination).localeCompare(destinationText(b.destination)),
  );
}

const reDescribe =
  're-describe before acting (retry with backoff while not visible); re-check the owners against the organization';

/** The dry-run plan for a detection (and for a reconcile finding turned into a detection). */
export function planFor(det: Detection, estate: Estate): Plan {
  const t = det.target;
  switch (t.kind) {
    case 'peering': {
      const ev = det.finding.evidence as {
        status?: string;
        ourSide?: 'requester' | 'accepter' | 'both' | 'unknown';
      };
      const { remedy, steps } = peeringSteps(
        t.pcxId,
        ev.status ?? 'unknown',
        ev.ourSide ?? 'unknown',
        routesInEstate(estate, t.pcxId),
      );
      return {
        target: t,
        remedy,
        steps,
        notes: [
          reDescribe,
          ...(remedy === 'quarantine-then-delete'
            ? [
                'delete every route DescribeRouteTables (route.vpc-peering-connection-id) returns at execution time',
              ]
            : []),
          ...(remedy === 'reject-request'
            ? [
                'if the outside party accepts first, reject fails (InvalidStateTransition): switch to quarantine-then-delete',
              ]
            : []),
          remedy === 'reject-request'
            ? 'verify: Describe → rejected'
            : 'verify: Describe → deleted/deleting/absent and no route targets it',
          'escalate (SNS) on failure or verification timeout',
        ],
      };
    }
    case 'internet-gateway': {
      const routes = routesInEstate(estate, t.igwId);
      if (
        t.route &&
        !routes.some(
          (r) =>
            r.routeTableId === t.route!.routeTableId &&
            destinationText(r.destination) === destinationText(t.route!.destination),
        )
      )
        routes.push(t.route);
      const igw = estate.internetGateways.get(t.igwId);
      const vpcs = new Set<string>([
        ...(t.vpcId ? [t.vpcId] : []),
        ...(igw?.attachments.map((a) => a.vpcId) ?? []),
      ]);
      return {
        target: t,
        remedy: 'detach-then-delete-igw',
        steps: [
          ...routes.map((r) => ({ api: 'DeleteRoute' as const, ...r })),
          ...[...vpcs]
            .sort()
            .map((vpcId) => ({ api: 'DetachInternetGateway' as const, igwId: t.igwId, vpcId })),
          { api: 'DeleteInternetGateway', igwId: t.igwId },
        ],
        notes: [
          reDescribe,
          'delete every route DescribeRouteTables (route.gateway-id) returns, detach from every attached VPC, then delete',
          'detach fails with DependencyViolation while the VPC has mapped public addresses: escalated',
          'verify: DescribeInternetGateways → InvalidInternetGatewayID.NotFound and no route targets it',
        ],
      };
    }
    case 'security-group-rules': {
      const ids = t.rules.flatMap((r) => (r.ruleId ? [r.ruleId] : []));
      const matching = t.rules
        .filter((r) => r.ruleId === undefined)
        .map((r) => {
          const ports =
            r.fromPort === undefined || r.fromPort === -1
              ? 'all'
              : r.fromPort === r.toPort
                ? `${r.fromPort}`
                : `${r.fromPort}-${r.toPort}`;
          return `${r.protocol === '-1' ? 'all' : r.protocol} ${ports} from ${r.cidrV4 ?? r.cidrV6 ?? '?'}`;
        });
      return {
        target: t,
        remedy: 'revoke-rules',
        steps: [
          {
            api: 'RevokeSecurityGroupIngress',
            groupId: t.groupId,
            ruleIds: ids,
            ...(matching.length ? { matching } : {}),
          },
        ],
        notes: [
          reDescribe,
          ids.length === t.rules.length
            ? 'revoke exactly these rule ids, nothing else in the group'
            : 'rule ids not in the event: resolved by matching DescribeSecurityGroupRules (protocol, ports, CIDR)',
          'verify: DescribeSecurityGroupRules no longer lists them',
        ],
      };
    }
    case 'notify':
      return {
        target: t,
        remedy: 'notify',
        steps: [{ api: 'Publish', subject: `perimeter: ${det.finding.title}: ${t.resourceId}` }],
        notes: ['no automatic change: the owner is told through the SNS topic'],
      };
  }
}
