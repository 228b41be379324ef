// Normalized CloudTrail events: the fields detectors and remediation need, whatever the input
// shape (EventBridge envelope, trail file, JSON lines). DOMAIN.md §7.

export type RouteDestination =
  | { readonly kind: 'cidr'; readonly cidr: string }
  | { readonly kind: 'ipv6'; readonly cidr: string }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string };

export interface PeeringSideInfo {
  readonly accountId?: string;
  readonly vpcId?: string;
  readonly region?: string;
  readonly cidrs: readonly string[];
}

/** One ingress rule as AuthorizeSecurityGroupIngress reports it (securityGroupRuleSet) or requested it. */
export interface SgIngressRule {
  /** sgr-… from responseElements.securityGroupRuleSet; absent when only the request is known. */
  readonly ruleId?: string;
  /** "-1", "tcp", "udp", "icmp", … or a number string. */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrV4?: string;
  readonly cidrV6?: string;
  readonly prefixListId?: string;
  readonly referencedGroupId?: string;
}

export type EventDetails =
  | {
      readonly kind: 'peering-create';
      readonly pcxId?: string;
      readonly status?: string;
      readonly requester: PeeringSideInfo;
      readonly accepter: PeeringSideInfo;
      readonly expirationTime?: string;
    }
  | {
      readonly kind: 'peering-accept';
      readonly pcxId: string;
      readonly status?: string;
      readonly requester: PeeringSideInfo;
      readonly accepter: PeeringSideInfo;
    }
  | { readonly kind: 'igw-create'; readonly igwId?: string }
  | { readonly kind: 'igw-attach'; readonly igwId: string; readonly vpcId: string }
  | {
      readonly kind: 'route-create';
      readonly routeTableId: string;
      readonly destination?: RouteDestination;
      readonly gatewayId?: string;
    }
  | { readonly kind: 'sg-ingress'; readonly groupId?: string; readonly rules: readonly SgIngressRule[] }
  | {
      readonly kind: 'endpoint-policy';
      readonly action: 'create' | 'modify';
      readonly endpointId?: string;
      readonly vpcId?: string;
      readonly serviceName?: string;
      /** The policy document as sent (a JSON string); absent when the call did not set one. */
      readonly policyDocument?: string;
      readonly resetPolicy?: boolean;
    };

export interface NormalizedEvent {
  readonly eventId: string;
  readonly eventTime: string;
  readonly eventName: string;
  readonly eventSource: string;
  /** The account the call was made in (recipientAccountId, else envelope account, else userIdentity). */
  readonly accountId: string;
  readonly region: string;
  /** userIdentity ARN, else type/principalId. */
  readonly principal: string;
  readonly sourceIp?: string;
  /** Parsed details for the calls detectors care about; undefined for every other call. */
  readonly details?: EventDetails;
  /** Where it came from (file and index), for messages. */
  readonly origin: string;
}
