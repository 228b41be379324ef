// zod schemas of the transit gateway responses (DescribeTransitGateways*, SearchTransitGatewayRoutes,
// GetTransitGatewayRouteTablePropagations) in the shapes Batfish snapshots store them.
import { z } from 'zod';
import { idOf, optCidrV4, optStr, optStrList, tagList } from './common.js';

export const transitGatewaySchema = z.looseObject({
  TransitGatewayId: idOf('tgw-'),
  TransitGatewayArn: optStr,
  OwnerId: z.string(),
  State: optStr,
  Options: z
    .looseObject({
      DefaultRouteTableAssociation: optStr,
      DefaultRouteTablePropagation: optStr,
      AssociationDefaultRouteTableId: optStr,
      PropagationDefaultRouteTableId: optStr,
    })
    .nullish(),
  Tags: tagList,
});

export const tgwAttachmentSchema = z.looseObject({
  TransitGatewayAttachmentId: idOf('tgw-attach-'),
  TransitGatewayId: idOf('tgw-'),
  TransitGatewayOwnerId: optStr,
  ResourceType: optStr,
  ResourceId: optStr,
  ResourceOwnerId: optStr,
  State: optStr,
  Association: z.looseObject({ TransitGatewayRouteTableId: optStr, State: optStr }).nullish(),
  Tags: tagList,
});

export const tgwVpcAttachmentSchema = z.looseObject({
  TransitGatewayAttachmentId: idOf('tgw-attach-'),
  TransitGatewayId: idOf('tgw-'),
  VpcId: optStr,
  VpcOwnerId: optStr,
  State: optStr,
  SubnetIds: optStrList,
  Tags: tagList,
});

export const tgwRouteTableSchema = z.looseObject({
  TransitGatewayRouteTableId: idOf('tgw-rtb-'),
  TransitGatewayId: idOf('tgw-'),
  DefaultAssociationRouteTable: z.boolean().nullish(),
  DefaultPropagationRouteTable: z.boolean().nullish(),
  State: optStr,
  Tags: tagList,
});

export const tgwRouteSchema = z.looseObject({
  DestinationCidrBlock: optCidrV4,
  PrefixListId: optStr,
  Type: optStr,
  State: optStr,
  TransitGatewayAttachments: z
    .array(z.looseObject({ TransitGatewayAttachmentId: optStr, ResourceId: optStr, ResourceType: optStr }))
    .nullish(),
});

/** Batfish's TransitGatewayStaticRoutes: one SearchTransitGatewayRoutes result per route table. */
export const tgwRoutesOfTableSchema = z.looseObject({
  TransitGatewayRouteTableId: idOf('tgw-rtb-'),
  Routes: z.array(tgwRouteSchema).nullish(),
});

export const tgwPropagationSchema = z.looseObject({
  TransitGatewayAttachmentId: z.string(),
  ResourceId: optStr,
  ResourceType: optStr,
  State: optStr,
});

/** Batfish's TransitGatewayPropagations: GetTransitGatewayRouteTablePropagations per route table. */
export const tgwPropagationsOfTableSchema = z.looseObject({
  TransitGatewayRouteTableId: idOf('tgw-rtb-'),
  TransitGatewayRouteTablePropagations: z.array(tgwPropagationSchema).nullish(),
});
