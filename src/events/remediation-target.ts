// What a detection asks the remediator to act on. The concrete API calls are decided at execution
// time from freshly described state (plan.ts), never from the event alone: events are late,
// duplicated and out of order (DOMAIN.md §7).
import type { RouteDestination, SgIngressRule } from './event-types.js';

export type RemediationTarget =
  | {
      readonly kind: 'peering';
      readonly accountId: string;
      readonly region: string;
      readonly pcxId: string;
    }
  | {
      readonly kind: 'internet-gateway';
      readonly accountId: string;
      readonly region: string;
      readonly igwId: string;
      /** The VPC it was attached to, when the event says. */
      readonly vpcId?: string;
      /** The route the event created to it (CreateRoute), when that is how it was found. */
      readonly route?: { readonly routeTableId: string; readonly destination: RouteDestination };
    }
  | {
      readonly kind: 'security-group-rules';
      readonly accountId: string;
      readonly region: string;
      readonly groupId: string;
      /** Exactly the offending rules: by id when known, else matched against DescribeSecurityGroupRules. */
      readonly rules: readonly SgIngressRule[];
    }
  | {
      /** No safe automatic action (e.g. an endpoint policy): a human is told. */
      readonly kind: 'notify';
      readonly accountId: string;
      readonly region: string;
      readonly resourceId: string;
    };

export type { RouteDestination };
