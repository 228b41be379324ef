// zod schemas of the EC2/VPC describe-* responses we read (AWS EC2 API Reference, "Response Elements").
import { z } from 'zod';
import {
  cidrV4,
  cidrV6,
  idOf,
  ipString,
  optBool,
  optCidrV4,
  optCidrV6,
  optIp,
  optNum,
  optStr,
  optStrList,
  str,
  tagList,
} from './common.js';

const cidrAssocState = z.looseObject({ State: optStr }).nullish();

export const vpcSchema = z.looseObject({
  VpcId: idOf('vpc-'),
  OwnerId: optStr,
  CidrBlock: optCidrV4,
  CidrBlockAssociationSet: z
    .array(z.looseObject({ CidrBlock: cidrV4, AssociationId: optStr, CidrBlockState: cidrAssocState }))
    .nullish(),
  Ipv6CidrBlockAssociationSet: z
    .array(
      z.looseObject({ Ipv6CidrBlock: optCidrV6, AssociationId: optStr, Ipv6CidrBlockState: cidrAssocState }),
    )
    .nullish(),
  IsDefault: optBool,
  State: optStr,
  Tags: tagList,
});

export const subnetSchema = z.looseObject({
  SubnetId: idOf('subnet-'),
  VpcId: idOf('vpc-'),
  SubnetArn: optStr,
  OwnerId: optStr,
  CidrBlock: optCidrV4,
  Ipv6CidrBlockAssociationSet: z
    .array(z.looseObject({ Ipv6CidrBlock: optCidrV6, Ipv6CidrBlockState: cidrAssocState }))
    .nullish(),
  AvailabilityZone: optStr,
  AvailabilityZoneId: optStr,
  MapPublicIpOnLaunch: optBool,
  AssignIpv6AddressOnCreation: optBool,
  Tags: tagList,
});

export const routeSchema = z.looseObject({
  DestinationCidrBlock: optCidrV4,
  DestinationIpv6CidrBlock: optCidrV6,
  DestinationPrefixListId: optStr,
  GatewayId: optStr,
  EgressOnlyInternetGatewayId: optStr,
  NatGatewayId: optStr,
  TransitGatewayId: optStr,
  VpcPeeringConnectionId: optStr,
  NetworkInterfaceId: optStr,
  InstanceId: optStr,
  LocalGatewayId: optStr,
  CarrierGatewayId: optStr,
  CoreNetworkArn: optStr,
  State: optStr,
  Origin: optStr,
});

export const routeTableSchema = z.looseObject({
  RouteTableId: idOf('rtb-'),
  VpcId: idOf('vpc-'),
  OwnerId: optStr,
  Associations: z
    .array(
      z.looseObject({
        Main: optBool,
        SubnetId: optStr,
        GatewayId: optStr,
        RouteTableAssociationId: optStr,
        AssociationState: z.looseObject({ State: optStr }).nullish(),
      }),
    )
    .nullish(),
  Routes: z.array(routeSchema).nullish(),
  PropagatingVgws: z.array(z.looseObject({ GatewayId: str })).nullish(),
  Tags: tagList,
});

const gwAttachment = z.looseObject({ VpcId: idOf('vpc-'), State: optStr });

export const internetGatewaySchema = z.looseObject({
  InternetGatewayId: idOf('igw-'),
  OwnerId: optStr,
  Attachments: z.array(gwAttachment).nullish(),
  Tags: tagList,
});

export const egressOnlyGatewaySchema = z.looseObject({
  EgressOnlyInternetGatewayId: idOf('eigw-'),
  Attachments: z.array(gwAttachment).nullish(),
  Tags: tagList,
});

export const natGatewaySchema = z.looseObject({
  NatGatewayId: idOf('nat-'),
  VpcId: idOf('vpc-'),
  SubnetId: idOf('subnet-'),
  ConnectivityType: optStr,
  State: optStr,
  NatGatewayAddresses: z
    .array(
      z.looseObject({
        AllocationId: optStr,
        NetworkInterfaceId: optStr,
        PrivateIp: optIp,
        PublicIp: optIp,
      }),
    )
    .nullish(),
  Tags: tagList,
});

const portRange = z.looseObject({ From: optNum, To: optNum }).nullish();

export const naclEntrySchema = z.looseObject({
  RuleNumber: z.number(),
  Egress: z.boolean(),
  RuleAction: z.string(),
  Protocol: z.string(),
  CidrBlock: optCidrV4,
  Ipv6CidrBlock: optCidrV6,
  PortRange: portRange,
  IcmpTypeCode: z.looseObject({ Type: optNum, Code: optNum }).nullish(),
});

export const networkAclSchema = z.looseObject({
  NetworkAclId: idOf('acl-'),
  VpcId: idOf('vpc-'),
  OwnerId: optStr,
  IsDefault: optBool,
  Associations: z.array(z.looseObject({ SubnetId: optStr, NetworkAclAssociationId: optStr })).nullish(),
  Entries: z.array(naclEntrySchema).nullish(),
  Tags: tagList,
});

export const ipPermissionSchema = z.looseObject({
  IpProtocol: z.string({ error: 'expected an IP protocol string like "tcp" or "-1"' }),
  FromPort: optNum,
  ToPort: optNum,
  IpRanges: z.array(z.looseObject({ CidrIp: cidrV4, Description: optStr })).nullish(),
  Ipv6Ranges: z.array(z.looseObject({ CidrIpv6: cidrV6, Description: optStr })).nullish(),
  PrefixListIds: z.array(z.looseObject({ PrefixListId: str, Description: optStr })).nullish(),
  UserIdGroupPairs: z
    .array(
      z.looseObject({
        GroupId: optStr,
        GroupName: optStr,
        UserId: optStr,
        VpcId: optStr,
        VpcPeeringConnectionId: optStr,
        PeeringStatus: optStr,
        Description: optStr,
      }),
    )
    .nullish(),
});

export const securityGroupSchema = z.looseObject({
  GroupId: idOf('sg-'),
  GroupName: z.string(),
  Description: optStr,
  VpcId: optStr,
  OwnerId: z.string(),
  IpPermissions: z.array(ipPermissionSchema).nullish(),
  IpPermissionsEgress: z.array(ipPermissionSchema).nullish(),
  Tags: tagList,
});

const publicAssociation = z
  .looseObject({ PublicIp: optIp, AllocationId: optStr, IpOwnerId: optStr, AssociationId: optStr })
  .nullish();

export const networkInterfaceSchema = z.looseObject({
  NetworkInterfaceId: idOf('eni-'),
  VpcId: idOf('vpc-'),
  SubnetId: idOf('subnet-'),
  OwnerId: z.string(),
  AvailabilityZone: optStr,
  Description: optStr,
  InterfaceType: optStr,
  Status: optStr,
  RequesterManaged: optBool,
  RequesterId: optStr,
  MacAddress: optStr,
  PrivateIpAddress: optIp,
  PrivateIpAddresses: z
    .array(z.looseObject({ PrivateIpAddress: ipString, Primary: optBool, Association: publicAssociation }))
    .nullish(),
  Association: publicAssociation,
  Ipv6Addresses: z.array(z.looseObject({ Ipv6Address: ipString })).nullish(),
  Groups: z.array(z.looseObject({ GroupId: str, GroupName: optStr })).nullish(),
  SourceDestCheck: optBool,
  Attachment: z
    .looseObject({
      AttachmentId: optStr,
      InstanceId: optStr,
      InstanceOwnerId: optStr,
      DeviceIndex: optNum,
      Status: optStr,
    })
    .nullish(),
  TagSet: tagList,
  Tags: tagList,
});

export const instanceSchema = z.looseObject({
  InstanceId: idOf('i-'),
  State: z.looseObject({ Name: optStr, Code: optNum }).nullish(),
  VpcId: optStr,
  SubnetId: optStr,
  PrivateIpAddress: optIp,
  PublicIpAddress: optIp,
  IamInstanceProfile: z.looseObject({ Arn: optStr, Id: optStr }).nullish(),
  NetworkInterfaces: z
    .array(
      z.looseObject({
        NetworkInterfaceId: str,
        Ipv6Addresses: z.array(z.looseObject({ Ipv6Address: ipString })).nullish(),
        OwnerId: optStr,
      }),
    )
    .nullish(),
  SecurityGroups: z.array(z.looseObject({ GroupId: optStr, GroupName: optStr })).nullish(),
  ImageId: optStr,
  InstanceType: optStr,
  LaunchTime: optStr,
  Placement: z.looseObject({ AvailabilityZone: optStr }).nullish(),
  Tags: tagList,
});

export const reservationSchema = z.looseObject({
  OwnerId: optStr,
  ReservationId: optStr,
  Instances: z.array(instanceSchema).nullish(),
});

export const addressSchema = z.looseObject({
  PublicIp: ipString,
  AllocationId: optStr,
  AssociationId: optStr,
  NetworkInterfaceId: optStr,
  NetworkInterfaceOwnerId: optStr,
  InstanceId: optStr,
  PrivateIpAddress: optIp,
  Domain: optStr,
  Tags: tagList,
});

const peeringSide = z
  .looseObject({
    OwnerId: optStr,
    VpcId: optStr,
    Region: optStr,
    CidrBlock: optCidrV4,
    CidrBlockSet: z.array(z.looseObject({ CidrBlock: cidrV4 })).nullish(),
    Ipv6CidrBlockSet: z.array(z.looseObject({ Ipv6CidrBlock: cidrV6 })).nullish(),
  })
  .nullish();

export const peeringSchema = z.looseObject({
  VpcPeeringConnectionId: idOf('pcx-'),
  Status: z.looseObject({ Code: optStr, Message: optStr }).nullish(),
  RequesterVpcInfo: peeringSide,
  AccepterVpcInfo: peeringSide,
  ExpirationTime: optStr,
  Tags: tagList,
});

export const vpcEndpointSchema = z.looseObject({
  VpcEndpointId: idOf('vpce-'),
  VpcId: idOf('vpc-'),
  OwnerId: optStr,
  ServiceName: z.string(),
  VpcEndpointType: optStr,
  State: optStr,
  PolicyDocument: optStr,
  SubnetIds: optStrList,
  NetworkInterfaceIds: optStrList,
  Groups: z.array(z.looseObject({ GroupId: str })).nullish(),
  RouteTableIds: optStrList,
  PrivateDnsEnabled: optBool,
  CreationTimestamp: optStr,
  Tags: tagList,
});

/** DescribePrefixLists: AWS-managed lists with their CIDRs. */
export const prefixListSchema = z.looseObject({
  PrefixListId: idOf('pl-'),
  PrefixListName: optStr,
  Cidrs: z.array(cidrV4.or(cidrV6)).nullish(),
});

export const prefixListEntrySchema = z.looseObject({ Cidr: z.string({ error: 'expected a CIDR string' }) });

/** DescribeManagedPrefixLists (entries come from GetManagedPrefixListEntries). */
export const managedPrefixListSchema = z.looseObject({
  PrefixListId: idOf('pl-'),
  PrefixListName: optStr,
  OwnerId: optStr,
  AddressFamily: optStr,
  Entries: z.array(prefixListEntrySchema).nullish(),
  Tags: tagList,
});

/** DescribeSecurityGroupRules: gives each flattened rule its sgr- id. */
export const securityGroupRuleSchema = z.looseObject({
  SecurityGroupRuleId: idOf('sgr-'),
  GroupId: idOf('sg-'),
  IsEgress: z.boolean(),
  IpProtocol: z.string(),
  FromPort: optNum,
  ToPort: optNum,
  CidrIpv4: optCidrV4,
  CidrIpv6: optCidrV6,
  PrefixListId: optStr,
  ReferencedGroupInfo: z.looseObject({ GroupId: optStr }).nullish(),
});
