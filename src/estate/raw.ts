// Validated raw records, grouped by kind, each with where it came from. Output of ingest, input of
// the normalizers.
import type { z } from 'zod';
import type * as ec2 from './schemas/ec2.js';
import type * as tgw from './schemas/tgw.js';
import type * as elb from './schemas/elb.js';
import type * as iam from './schemas/iam.js';
import type * as org from './schemas/org.js';
import type * as r53 from './schemas/route53.js';
import type {
  CollectionManifest,
  Instance,
  NetworkAcl,
  NetworkInterface,
  RouteTable,
  SecurityGroup,
  Subnet,
  Vpc,
} from './model.js';

export interface Origin {
  readonly file: string;
  /** JSON path of the record inside the file. */
  readonly path: string;
  readonly accountId: string;
  readonly region: string;
}

export interface Rec<T> extends Origin {
  readonly rec: T;
}

/**
 * A record of an array (`<base>[<index>]`) with where it came from. The JSON path is built only
 * when asked for (problem messages): hundreds of thousands of records never need it.
 */
export class ArrayRec<T> implements Rec<T> {
  constructor(
    public rec: T,
    readonly file: string,
    private readonly base: string,
    private readonly index: number,
    readonly accountId: string,
    readonly region: string,
  ) {}

  get path(): string {
    return `${this.base}[${this.index}]`;
  }
}

export type RawVpc = z.infer<typeof ec2.vpcSchema>;
export type RawSubnet = z.infer<typeof ec2.subnetSchema>;
export type RawRouteTable = z.infer<typeof ec2.routeTableSchema>;
export type RawRoute = z.infer<typeof ec2.routeSchema>;
export type RawIgw = z.infer<typeof ec2.internetGatewaySchema>;
export type RawEigw = z.infer<typeof ec2.egressOnlyGatewaySchema>;
export type RawNat = z.infer<typeof ec2.natGatewaySchema>;
export type RawNacl = z.infer<typeof ec2.networkAclSchema>;
export type RawSg = z.infer<typeof ec2.securityGroupSchema>;
export type RawIpPermission = z.infer<typeof ec2.ipPermissionSchema>;
export type RawEni = z.infer<typeof ec2.networkInterfaceSchema>;
export type RawSgRule = z.infer<typeof ec2.securityGroupRuleSchema>;
export type RawInstance = z.infer<typeof ec2.instanceSchema>;
/** An instance with its reservation's OwnerId (kept beside it: copying instances is costly). */
export interface RawInstanceEntry {
  readonly instance: RawInstance;
  readonly reservationOwnerId?: string;
}
export type RawAddress = z.infer<typeof ec2.addressSchema>;
export type RawPeering = z.infer<typeof ec2.peeringSchema>;
export type RawEndpoint = z.infer<typeof ec2.vpcEndpointSchema>;
export type RawPrefixList = z.infer<typeof ec2.prefixListSchema>;
export type RawManagedPrefixList = z.infer<typeof ec2.managedPrefixListSchema>;
export interface RawPrefixListEntries {
  readonly prefixListId: string;
  readonly cidrs: readonly string[];
}
export type RawTgw = z.infer<typeof tgw.transitGatewaySchema>;
export type RawTgwAttachment = z.infer<typeof tgw.tgwAttachmentSchema>;
export type RawTgwVpcAttachment = z.infer<typeof tgw.tgwVpcAttachmentSchema>;
export type RawTgwRouteTable = z.infer<typeof tgw.tgwRouteTableSchema>;
export type RawTgwRoute = z.infer<typeof tgw.tgwRouteSchema>;
export interface RawTgwRoutes {
  readonly routeTableId: string;
  readonly routes: readonly RawTgwRoute[];
}
export type RawTgwPropagation = z.infer<typeof tgw.tgwPropagationSchema>;
export interface RawTgwPropagations {
  readonly routeTableId: string;
  readonly propagations: readonly RawTgwPropagation[];
}
export type RawLoadBalancer = z.infer<typeof elb.loadBalancerSchema>;
export type RawListener = z.infer<typeof elb.listenerSchema>;
export type RawTargetGroup = z.infer<typeof elb.targetGroupSchema>;
export type RawTargetHealthDescription = z.infer<typeof elb.targetHealthDescriptionSchema>;
export interface RawTargetHealth {
  readonly targetGroupArn: string;
  readonly descriptions: readonly RawTargetHealthDescription[];
}
export type RawDbInstance = z.infer<typeof elb.dbInstanceSchema>;
export type RawIamUser = z.infer<typeof iam.iamUserSchema>;
export type RawIamGroup = z.infer<typeof iam.iamGroupSchema>;
export type RawIamRole = z.infer<typeof iam.iamRoleSchema>;
export type RawIamPolicy = z.infer<typeof iam.iamManagedPolicySchema>;
export type RawOrganization = z.infer<typeof org.organizationSchema>;
export type RawRoot = z.infer<typeof org.rootSchema>;
export type RawOu = z.infer<typeof org.ouSchema>;
export type RawOrgAccount = z.infer<typeof org.orgAccountSchema>;
export type RawOrgPolicy = z.infer<typeof org.orgPolicySchema>;
export type RawHostedZone = z.infer<typeof r53.hostedZoneSchema>;
export interface RawHostedZoneVpcs {
  readonly zoneId: string;
  readonly vpcs: readonly { readonly vpcId: string; readonly region: string }[];
}

/**
 * Records by kind. High-volume kinds are normalized as they are ingested (so each file's raw JSON
 * can be garbage-collected right away); the rest stay raw until build.
 */
export interface RawBuckets {
  vpcs: Rec<Vpc>[];
  subnets: Rec<Subnet>[];
  routeTables: Rec<RouteTable>[];
  internetGateways: Rec<RawIgw>[];
  egressOnlyInternetGateways: Rec<RawEigw>[];
  natGateways: Rec<RawNat>[];
  networkAcls: Rec<NetworkAcl>[];
  securityGroups: Rec<SecurityGroup>[];
  securityGroupRules: Rec<RawSgRule>[];
  networkInterfaces: Rec<NetworkInterface>[];
  instances: Rec<Instance>[];
  /** ENIs as DescribeInstances shows them: used for ENIs missing from NetworkInterfaces. */
  instanceEnis: Rec<NetworkInterface>[];
  addresses: Rec<RawAddress>[];
  peerings: Rec<RawPeering>[];
  endpoints: Rec<RawEndpoint>[];
  prefixLists: Rec<RawPrefixList>[];
  managedPrefixLists: Rec<RawManagedPrefixList>[];
  prefixListEntries: Rec<RawPrefixListEntries>[];
  transitGateways: Rec<RawTgw>[];
  tgwAttachments: Rec<RawTgwAttachment>[];
  tgwVpcAttachments: Rec<RawTgwVpcAttachment>[];
  tgwRouteTables: Rec<RawTgwRouteTable>[];
  tgwRoutes: Rec<RawTgwRoutes>[];
  tgwPropagations: Rec<RawTgwPropagations>[];
  loadBalancers: Rec<RawLoadBalancer>[];
  listeners: Rec<RawListener>[];
  targetGroups: Rec<RawTargetGroup>[];
  targetHealth: Rec<RawTargetHealth>[];
  dbInstances: Rec<RawDbInstance>[];
  iamUsers: Rec<RawIamUser>[];
  iamGroups: Rec<RawIamGroup>[];
  iamRoles: Rec<RawIamRole>[];
  iamPolicies: Rec<RawIamPolicy>[];
  organizations: Rec<RawOrganization>[];
  orgRoots: Rec<RawRoot>[];
  orgUnits: Rec<RawOu>[];
  orgAccounts: Rec<RawOrgAccount>[];
  orgPolicies: Rec<RawOrgPolicy>[];
  hostedZones: Rec<RawHostedZone>[];
  hostedZoneVpcs: Rec<RawHostedZoneVpcs>[];
  collections: Rec<CollectionManifest>[];
}

export function emptyBuckets(): RawBuckets {
  return {
    vpcs: [],
    subnets: [],
    routeTables: [],
    internetGateways: [],
    egressOnlyInternetGateways: [],
    natGateways: [],
    networkAcls: [],
    securityGroups: [],
    securityGroupRules: [],
    networkInterfaces: [],
    instances: [],
    instanceEnis: [],
    addresses: [],
    peerings: [],
    endpoints: [],
    prefixLists: [],
    managedPrefixLists: [],
    prefixListEntries: [],
    transitGateways: [],
    tgwAttachments: [],
    tgwVpcAttachments: [],
    tgwRouteTables: [],
    tgwRoutes: [],
    tgwPropagations: [],
    loadBalancers: [],
    listeners: [],
    targetGroups: [],
    targetHealth: [],
    dbInstances: [],
    iamUsers: [],
    iamGroups: [],
    iamRoles: [],
    iamPolicies: [],
    organizations: [],
    orgRoots: [],
    orgUnits: [],
    orgAccounts: [],
    orgPolicies: [],
    hostedZones: [],
    hostedZoneVpcs: [],
    collections: [],
  };
}
