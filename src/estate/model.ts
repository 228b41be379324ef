// The normalized, immutable, indexed model of an AWS estate.
//
// Built by `estate/build.ts` from the raw AWS JSON of a snapshot (see ../shared/DESIGN.md).
// Every engine (reach, iam, checks, guardrails, events) reads only this model. Nothing here is
// mutated after construction; collections are ReadonlyMaps keyed by the AWS id (O(1) lookup),
// and relationship indexes live in `Estate.index`.
//
// Unknowns are explicit: a field AWS may omit is `undefined` (absent) and engines must treat
// absence as "unknown" unless AWS documents a default (documented defaults are applied here and
// commented).

export type IpVersion = 4 | 6;
export type Tags = Readonly<Record<string, string>>;

/** Where a resource lives. `region` is "global" for IAM/Organizations data. */
export interface Located {
  readonly accountId: string;
  readonly region: string;
}

export interface Account {
  readonly id: string;
  readonly name?: string;
  /** Regions with data in the snapshot (sorted). */
  readonly regions: readonly string[];
  /** Organizations status (ACTIVE, SUSPENDED …) when organization data is present. */
  readonly status?: string;
  /** Parent OU or root id when organization data is present. */
  readonly parentId?: string;
}

export interface Vpc extends Located {
  readonly id: string;
  readonly ownerId: string;
  /** Associated IPv4 CIDRs (primary first), normalized (host bits cleared). Only `associated` state. */
  readonly cidrsV4: readonly string[];
  /** Associated IPv6 CIDRs, normalized. */
  readonly cidrsV6: readonly string[];
  readonly isDefault: boolean;
  readonly state?: string;
  readonly tags: Tags;
}

export interface Subnet extends Located {
  readonly id: string;
  readonly arn?: string;
  readonly vpcId: string;
  readonly ownerId: string;
  readonly cidrV4?: string;
  readonly cidrsV6: readonly string[];
  readonly availabilityZone?: string;
  readonly availabilityZoneId?: string;
  /** MapPublicIpOnLaunch: new ENIs get a public IPv4. Absent in the data → false (AWS default). */
  readonly mapPublicIpOnLaunch: boolean;
  readonly assignIpv6AddressOnCreation: boolean;
  readonly tags: Tags;
}

export type RouteTargetKind =
  | 'local'
  | 'igw'
  | 'eigw'
  | 'nat'
  | 'tgw'
  | 'pcx'
  | 'vpce'
  | 'eni'
  | 'instance'
  | 'vgw'
  | 'lgw'
  | 'carrier'
  | 'core-network'
  | 'unknown';

export interface RouteTarget {
  readonly kind: RouteTargetKind;
  /** The target's id (igw-…, nat-…, pcx-…, vpce-…, eni-…, i-…, tgw-…, "local"). */
  readonly id: string;
}

export type RouteDestination =
  | { readonly kind: 'cidr'; readonly cidr: string; readonly version: IpVersion }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string };

export interface Route {
  readonly destination: RouteDestination;
  readonly target: RouteTarget;
  /** `blackhole` when the target is gone (AWS State). */
  readonly state: 'active' | 'blackhole';
  /** CreateRouteTable | CreateRoute | EnableVgwRoutePropagation */
  readonly origin?: string;
}

export interface RouteTable extends Located {
  readonly id: string;
  readonly vpcId: string;
  readonly ownerId?: string;
  /** This is the VPC's main route table. */
  readonly main: boolean;
  /** Subnets explicitly associated with this table. */
  readonly subnetIds: readonly string[];
  /** Gateways (igw-/vgw-) with an edge association (ingress routing). */
  readonly gatewayIds: readonly string[];
  readonly routes: readonly Route[];
  /** VGWs propagating routes into this table. */
  readonly propagatingVgwIds: readonly string[];
  readonly tags: Tags;
}

export interface GatewayAttachment {
  readonly vpcId: string;
  /** available/attached/attaching/detaching/detached */
  readonly state: string;
}

export interface InternetGateway extends Located {
  readonly id: string;
  readonly ownerId?: string;
  readonly attachments: readonly GatewayAttachment[];
  readonly tags: Tags;
}

export interface EgressOnlyInternetGateway extends Located {
  readonly id: string;
  readonly attachments: readonly GatewayAttachment[];
  readonly tags: Tags;
}

export interface NatGatewayAddress {
  readonly allocationId?: string;
  readonly networkInterfaceId?: string;
  readonly privateIp?: string;
  readonly publicIp?: string;
}

export interface NatGateway extends Located {
  readonly id: string;
  readonly vpcId: string;
  readonly subnetId: string;
  /** `public` (default when absent) or `private`. */
  readonly connectivityType: 'public' | 'private';
  /** pending/failed/available/deleting/deleted */
  readonly state: string;
  readonly addresses: readonly NatGatewayAddress[];
  readonly tags: Tags;
}

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export interface NaclEntry {
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly action: 'allow' | 'deny';
  /** IP protocol number as a string, "-1" for all. */
  readonly protocol: string;
  /** IPv4 or IPv6 CIDR, normalized. */
  readonly cidr: string;
  readonly version: IpVersion;
  /** For TCP/UDP. Absent → all ports. */
  readonly portRange?: PortRange;
  /** For ICMP: type/code, -1 = all. */
  readonly icmp?: { readonly type: number; readonly code: number };
}

export interface NetworkAcl extends Located {
  readonly id: string;
  readonly vpcId: string;
  readonly ownerId?: string;
  readonly isDefault: boolean;
  readonly subnetIds: readonly string[];
  /** Sorted by (egress, ruleNumber); includes the 32767 `*` default deny rules as AWS returns them. */
  readonly entries: readonly NaclEntry[];
  readonly tags: Tags;
}

export type SgSource =
  | { readonly kind: 'cidr'; readonly cidr: string; readonly version: IpVersion }
  | {
      readonly kind: 'sg';
      readonly groupId: string;
      readonly userId?: string;
      readonly vpcId?: string;
      readonly peeringStatus?: string;
    }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string };

/**
 * One flattened security-group rule: one IpPermission × one source (CIDR, SG or prefix list).
 * `protocol` is AWS's IpProtocol lower-cased: "-1" (all), "tcp", "udp", "icmp", "icmpv6" or a
 * number string. For "-1" and protocols without ports, `ports` is absent (all ports). For ICMP,
 * `fromPort`/`toPort` carry type/code as AWS does and are kept raw in `icmp`.
 */
export interface SgRule {
  readonly direction: 'ingress' | 'egress';
  readonly protocol: string;
  readonly ports?: PortRange;
  readonly icmp?: { readonly type: number; readonly code: number };
  readonly source: SgSource;
  readonly description?: string;
  /** sgr-… when known (DescribeSecurityGroupRules or CloudTrail), else undefined. */
  readonly ruleId?: string;
  /** Index of the IpPermission in the raw group, for "which rule" evidence. */
  readonly permissionIndex: number;
}

export interface SecurityGroup extends Located {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly vpcId?: string;
  readonly ownerId: string;
  readonly ingress: readonly SgRule[];
  readonly egress: readonly SgRule[];
  readonly tags: Tags;
}

export interface PrivateIpAddress {
  readonly privateIp: string;
  readonly primary: boolean;
  /** Public IPv4 associated with this private IP (auto-assigned or EIP). */
  readonly publicIp?: string;
  /** EIP allocation id when the public IP is an Elastic IP. */
  readonly allocationId?: string;
  readonly publicIpOwnerId?: string;
}

export interface NetworkInterface extends Located {
  readonly id: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly ownerId: string;
  readonly availabilityZone?: string;
  readonly description?: string;
  /** interface, nat_gateway, vpc_endpoint, network_load_balancer, lambda, … (AWS InterfaceType). */
  readonly interfaceType: string;
  readonly status?: string;
  readonly requesterManaged: boolean;
  readonly requesterId?: string;
  readonly macAddress?: string;
  readonly privateIps: readonly PrivateIpAddress[];
  readonly ipv6Addresses: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly sourceDestCheck?: boolean;
  readonly attachment?: {
    readonly attachmentId?: string;
    readonly instanceId?: string;
    readonly instanceOwnerId?: string;
    readonly deviceIndex?: number;
    readonly status?: string;
  };
  readonly tags: Tags;
}

export interface Instance extends Located {
  readonly id: string;
  readonly ownerId?: string;
  /** pending/running/shutting-down/terminated/stopping/stopped */
  readonly state: string;
  readonly vpcId?: string;
  readonly subnetId?: string;
  readonly privateIp?: string;
  readonly publicIp?: string;
  readonly ipv6Addresses: readonly string[];
  readonly iamInstanceProfileArn?: string;
  readonly networkInterfaceIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly imageId?: string;
  readonly instanceType?: string;
  readonly launchTime?: string;
  readonly tags: Tags;
}

export interface ElasticIp extends Located {
  readonly publicIp: string;
  readonly allocationId?: string;
  readonly associationId?: string;
  readonly networkInterfaceId?: string;
  readonly instanceId?: string;
  readonly privateIp?: string;
  readonly domain?: string;
  readonly tags: Tags;
}

export interface PeeringSide {
  readonly accountId?: string;
  readonly vpcId?: string;
  readonly region?: string;
  readonly cidrsV4: readonly string[];
  readonly cidrsV6: readonly string[];
}

export type PeeringStatus =
  | 'initiating-request'
  | 'pending-acceptance'
  | 'provisioning'
  | 'active'
  | 'failed'
  | 'rejected'
  | 'expired'
  | 'deleting'
  | 'deleted'
  | string;

export interface VpcPeeringConnection extends Located {
  readonly id: string;
  readonly status: PeeringStatus;
  readonly statusMessage?: string;
  readonly requester: PeeringSide;
  readonly accepter: PeeringSide;
  readonly expirationTime?: string;
  readonly tags: Tags;
}

export interface VpcEndpoint extends Located {
  readonly id: string;
  readonly vpcId: string;
  readonly ownerId?: string;
  readonly serviceName: string;
  readonly type: 'Interface' | 'Gateway' | 'GatewayLoadBalancer' | string;
  readonly state?: string;
  /** The endpoint policy document as a JSON string (AWS returns a string). */
  readonly policyDocument?: string;
  readonly subnetIds: readonly string[];
  readonly networkInterfaceIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly routeTableIds: readonly string[];
  readonly privateDnsEnabled: boolean;
  readonly creationTimestamp?: string;
  readonly tags: Tags;
}

export interface PrefixList extends Located {
  readonly id: string;
  readonly name?: string;
  readonly cidrs: readonly string[];
  /** AWS-managed (`PrefixLists`, e.g. com.amazonaws.us-east-1.s3) or customer-managed. */
  readonly awsManaged: boolean;
  /** False when the snapshot holds the list but not its entries: its contents are unknown. */
  readonly entriesKnown: boolean;
  readonly addressFamily?: 'IPv4' | 'IPv6';
}

export interface TransitGateway extends Located {
  readonly id: string;
  readonly ownerId: string;
  readonly state?: string;
  readonly defaultRouteTableAssociation: boolean;
  readonly defaultRouteTablePropagation: boolean;
  readonly associationDefaultRouteTableId?: string;
  readonly propagationDefaultRouteTableId?: string;
  readonly tags: Tags;
}

export interface TransitGatewayAttachment extends Located {
  readonly id: string;
  readonly transitGatewayId: string;
  readonly transitGatewayOwnerId?: string;
  /** vpc | vpn | direct-connect-gateway | peering | connect | tgw-peering | … */
  readonly resourceType: string;
  readonly resourceId?: string;
  readonly resourceOwnerId?: string;
  readonly state?: string;
  /** The TGW route table this attachment is associated with. */
  readonly associationRouteTableId?: string;
  readonly associationState?: string;
  /** VPC attachments: the subnets (one per AZ) the TGW ENIs live in. */
  readonly subnetIds: readonly string[];
  readonly tags: Tags;
}

export interface TgwRouteAttachmentRef {
  readonly attachmentId?: string;
  readonly resourceId?: string;
  readonly resourceType?: string;
}

export interface TgwRoute {
  readonly destination: RouteDestination;
  /** static | propagated */
  readonly type: string;
  readonly state: 'active' | 'blackhole' | string;
  readonly attachments: readonly TgwRouteAttachmentRef[];
}

export interface TgwPropagation {
  readonly attachmentId: string;
  readonly resourceId?: string;
  readonly resourceType?: string;
  readonly state?: string;
}

export interface TransitGatewayRouteTable extends Located {
  readonly id: string;
  readonly transitGatewayId: string;
  readonly defaultAssociationRouteTable: boolean;
  readonly defaultPropagationRouteTable: boolean;
  /** Static and propagated routes as collected (SearchTransitGatewayRoutes / TransitGatewayStaticRoutes). */
  readonly routes: readonly TgwRoute[];
  readonly propagations: readonly TgwPropagation[];
  /** False when the snapshot has no routes for this table: `routes` is then unknown, not empty. */
  readonly routesKnown?: boolean;
  /** False when the snapshot has no propagations for this table (unknown, not none). */
  readonly propagationsKnown?: boolean;
  /** available/deleting/deleted/pending (AWS State). */
  readonly state?: string;
  readonly tags: Tags;
}

export interface LoadBalancer extends Located {
  readonly arn: string;
  readonly name: string;
  readonly type: 'application' | 'network' | 'gateway' | 'classic' | string;
  readonly scheme: 'internet-facing' | 'internal' | string;
  readonly vpcId?: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly ipAddressType?: string;
  readonly dnsName?: string;
  readonly state?: string;
}

export interface Listener extends Located {
  readonly arn: string;
  readonly loadBalancerArn: string;
  readonly port: number;
  readonly protocol: string;
  /** Target groups the default actions forward to. */
  readonly targetGroupArns: readonly string[];
}

export interface TargetGroup extends Located {
  readonly arn: string;
  readonly name?: string;
  readonly protocol?: string;
  readonly port?: number;
  readonly targetType: 'instance' | 'ip' | 'lambda' | 'alb' | string;
  readonly vpcId?: string;
  readonly loadBalancerArns: readonly string[];
}

export interface TargetHealth {
  readonly targetGroupArn: string;
  readonly targetId: string;
  readonly port?: number;
  readonly availabilityZone?: string;
  /** healthy/unhealthy/initial/unused/draining/unavailable */
  readonly state: string;
}

export interface DbInstance extends Located {
  readonly id: string;
  readonly arn?: string;
  readonly engine?: string;
  readonly status?: string;
  readonly vpcId?: string;
  readonly subnetIds: readonly string[];
  readonly publiclyAccessible: boolean;
  readonly securityGroupIds: readonly string[];
  readonly endpointAddress?: string;
  readonly port?: number;
}

// ---- IAM --------------------------------------------------------------------------------------

/** A policy document as parsed JSON (not yet validated; `iam/` validates and compiles it). */
export type PolicyDocument = unknown;

export interface InlinePolicy {
  readonly name: string;
  readonly document: PolicyDocument;
}

export interface AttachedPolicyRef {
  readonly arn: string;
  readonly name?: string;
}

export interface IamUser {
  readonly arn: string;
  readonly name: string;
  readonly id?: string;
  readonly path: string;
  readonly accountId: string;
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicies: readonly AttachedPolicyRef[];
  readonly groupNames: readonly string[];
  readonly permissionsBoundaryArn?: string;
  readonly tags: Tags;
}

export interface IamGroup {
  readonly arn: string;
  readonly name: string;
  readonly path: string;
  readonly accountId: string;
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicies: readonly AttachedPolicyRef[];
}

export interface IamRole {
  readonly arn: string;
  readonly name: string;
  readonly id?: string;
  readonly path: string;
  readonly accountId: string;
  readonly trustPolicy?: PolicyDocument;
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicies: readonly AttachedPolicyRef[];
  readonly permissionsBoundaryArn?: string;
  readonly instanceProfileArns: readonly string[];
  readonly tags: Tags;
}

export interface IamManagedPolicy {
  readonly arn: string;
  readonly name: string;
  readonly accountId: string;
  /** The default version's document. */
  readonly document?: PolicyDocument;
  readonly awsManaged: boolean;
}

export interface InstanceProfile {
  readonly arn: string;
  readonly name: string;
  readonly accountId: string;
  readonly roleArns: readonly string[];
}

// ---- Organizations ----------------------------------------------------------------------------

export interface OrgUnit {
  readonly id: string;
  readonly name: string;
  /** Root or OU id; undefined for the root itself. */
  readonly parentId?: string;
  readonly kind: 'root' | 'ou';
}

export interface OrgPolicy {
  readonly id: string;
  readonly name: string;
  readonly type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' | string;
  readonly awsManaged: boolean;
  /** The parsed policy document (Content is a JSON string in the API; parsed here). */
  readonly document: PolicyDocument;
  /** Raw Content string as received, for size/quota checks. */
  readonly content: string;
  /** Root, OU or account ids the policy is attached to. */
  readonly targetIds: readonly string[];
}

export interface Organization {
  readonly id?: string;
  readonly arn?: string;
  readonly managementAccountId?: string;
  readonly roots: readonly OrgUnit[];
  readonly units: ReadonlyMap<string, OrgUnit>;
  readonly accounts: ReadonlyMap<
    string,
    { readonly id: string; readonly name?: string; readonly status?: string; readonly parentId?: string }
  >;
  readonly policies: ReadonlyMap<string, OrgPolicy>;
}

// ---- Route 53 private hosted zones (seed 004: PHZ association is what makes a hub endpoint resolve) ----

export interface HostedZone {
  /** Zone id without the /hostedzone/ prefix. */
  readonly id: string;
  readonly name: string;
  readonly privateZone: boolean;
  readonly accountId: string;
  /** VPC associations (GetHostedZone VPCs); undefined when the snapshot lacks them (unknown). */
  readonly vpcs?: readonly { readonly vpcId: string; readonly region: string }[];
}

// ---- Collection manifest (collection.json written by `perimeter collect`) -----------------------

export interface CollectionFailure {
  readonly accountId: string;
  readonly region?: string;
  readonly service?: string;
  readonly operation?: string;
  /** access-denied | opt-in-region | throttled | assume-role-failed | timeout | other */
  readonly kind: string;
  readonly errorCode?: string;
  readonly message: string;
}

export interface CollectionManifest {
  readonly version: 1;
  readonly collectedAt: string;
  readonly collectedBy?: string;
  readonly tool?: string;
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
  /** Calls that succeeded: `${accountId}/${region}/${service}:${operation}` → pages. */
  readonly calls: readonly {
    readonly accountId: string;
    readonly region: string;
    readonly service: string;
    readonly operation: string;
    readonly key: string;
    readonly pages: number;
    readonly items: number;
  }[];
  readonly failures: readonly CollectionFailure[];
}

// ---- Load problems ----------------------------------------------------------------------------

export interface LoadProblem {
  readonly severity: 'error' | 'warning';
  /** Path of the file relative to the snapshot root (or absolute when outside it). */
  readonly file: string;
  /** JSON path inside the file, like `$.Vpcs[3].CidrBlock`; `$` for the whole file. */
  readonly jsonPath: string;
  /** What went wrong, the value found and what was expected. */
  readonly message: string;
}

// ---- The estate -------------------------------------------------------------------------------

export interface EstateIndex {
  readonly subnetsByVpc: ReadonlyMap<string, readonly string[]>;
  /** Effective route table of a subnet: explicit association, else the VPC's main table. */
  readonly routeTableBySubnet: ReadonlyMap<string, string>;
  /** Whether the subnet's route table is its own explicit association (false = main table fallback). */
  readonly routeTableExplicit: ReadonlyMap<string, boolean>;
  readonly mainRouteTableByVpc: ReadonlyMap<string, string>;
  readonly routeTablesByVpc: ReadonlyMap<string, readonly string[]>;
  readonly naclBySubnet: ReadonlyMap<string, string>;
  readonly enisBySubnet: ReadonlyMap<string, readonly string[]>;
  readonly enisByVpc: ReadonlyMap<string, readonly string[]>;
  readonly enisBySecurityGroup: ReadonlyMap<string, readonly string[]>;
  readonly enisByInstance: ReadonlyMap<string, readonly string[]>;
  /** ENI id by any of its private IPv4 / IPv6 addresses, per VPC: `${vpcId}|${ip}`. */
  readonly eniByVpcAndIp: ReadonlyMap<string, string>;
  /** ENI id by public IPv4 (auto-assigned or EIP). */
  readonly eniByPublicIp: ReadonlyMap<string, string>;
  readonly instancesBySubnet: ReadonlyMap<string, readonly string[]>;
  readonly instancesByProfile: ReadonlyMap<string, readonly string[]>;
  readonly securityGroupsByVpc: ReadonlyMap<string, readonly string[]>;
  readonly internetGatewaysByVpc: ReadonlyMap<string, readonly string[]>;
  readonly egressOnlyGatewaysByVpc: ReadonlyMap<string, readonly string[]>;
  readonly natGatewaysByVpc: ReadonlyMap<string, readonly string[]>;
  readonly endpointsByVpc: ReadonlyMap<string, readonly string[]>;
  readonly endpointByEni: ReadonlyMap<string, string>;
  readonly peeringsByVpc: ReadonlyMap<string, readonly string[]>;
  readonly tgwAttachmentsByVpc: ReadonlyMap<string, readonly string[]>;
  readonly tgwAttachmentsByTgw: ReadonlyMap<string, readonly string[]>;
  readonly tgwRouteTablesByTgw: ReadonlyMap<string, readonly string[]>;
  readonly loadBalancersByVpc: ReadonlyMap<string, readonly string[]>;
  readonly listenersByLoadBalancer: ReadonlyMap<string, readonly string[]>;
  readonly targetGroupsByLoadBalancer: ReadonlyMap<string, readonly string[]>;
  readonly targetHealthByTargetGroup: ReadonlyMap<string, readonly TargetHealth[]>;
  readonly rolesByInstanceProfile: ReadonlyMap<string, readonly string[]>;
  /** Org: ancestors of an account from the root down (root id, OU ids…), excluding the account. */
  readonly orgPathByAccount: ReadonlyMap<string, readonly string[]>;
  /** Org: policies attached per target id (root, OU or account). */
  readonly orgPoliciesByTarget: ReadonlyMap<string, readonly string[]>;
}

export interface Estate {
  /** Absolute path of the snapshot root it was loaded from (informational). */
  readonly source?: string;
  readonly accounts: ReadonlyMap<string, Account>;
  readonly vpcs: ReadonlyMap<string, Vpc>;
  readonly subnets: ReadonlyMap<string, Subnet>;
  readonly routeTables: ReadonlyMap<string, RouteTable>;
  readonly internetGateways: ReadonlyMap<string, InternetGateway>;
  readonly egressOnlyInternetGateways: ReadonlyMap<string, EgressOnlyInternetGateway>;
  readonly natGateways: ReadonlyMap<string, NatGateway>;
  readonly networkAcls: ReadonlyMap<string, NetworkAcl>;
  readonly securityGroups: ReadonlyMap<string, SecurityGroup>;
  readonly networkInterfaces: ReadonlyMap<string, NetworkInterface>;
  readonly instances: ReadonlyMap<string, Instance>;
  /** Keyed by public IP. */
  readonly elasticIps: ReadonlyMap<string, ElasticIp>;
  readonly peeringConnections: ReadonlyMap<string, VpcPeeringConnection>;
  readonly vpcEndpoints: ReadonlyMap<string, VpcEndpoint>;
  readonly prefixLists: ReadonlyMap<string, PrefixList>;
  readonly transitGateways: ReadonlyMap<string, TransitGateway>;
  readonly transitGatewayAttachments: ReadonlyMap<string, TransitGatewayAttachment>;
  readonly transitGatewayRouteTables: ReadonlyMap<string, TransitGatewayRouteTable>;
  /** Keyed by ARN. */
  readonly loadBalancers: ReadonlyMap<string, LoadBalancer>;
  readonly listeners: ReadonlyMap<string, Listener>;
  readonly targetGroups: ReadonlyMap<string, TargetGroup>;
  readonly dbInstances: ReadonlyMap<string, DbInstance>;
  /** IAM, keyed by ARN. */
  readonly iamUsers: ReadonlyMap<string, IamUser>;
  readonly iamGroups: ReadonlyMap<string, IamGroup>;
  readonly iamRoles: ReadonlyMap<string, IamRole>;
  readonly iamPolicies: ReadonlyMap<string, IamManagedPolicy>;
  readonly instanceProfiles: ReadonlyMap<string, InstanceProfile>;
  readonly organization?: Organization;
  /** Route 53 hosted zones, keyed by zone id. */
  readonly hostedZones: ReadonlyMap<string, HostedZone>;
  /** What the collector did and what it could not collect, when the snapshot has collection.json. */
  readonly collection?: CollectionManifest;
  /** Resource kinds present in the raw data that the model does not represent (e.g. VpnConnections). */
  readonly notModelled: ReadonlyMap<string, number>;
  /** Warnings from loading (unknown keys, skipped records). Errors abort loading instead. */
  readonly problems: readonly LoadProblem[];
  readonly index: EstateIndex;
}
