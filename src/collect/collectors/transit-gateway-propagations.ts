// TransitGatewayPropagations: GetTransitGatewayRouteTablePropagations per TGW route table, written
// as Batfish stores it (batfish-aws/test-transit-gateway/aws_configs/TransitGatewayPropagations.json):
// {"TransitGatewayPropagations": [{"TransitGatewayRouteTableId", "TransitGatewayRouteTablePropagations"}]}.
import {
  GetTransitGatewayRouteTablePropagationsCommand,
  paginateGetTransitGatewayRouteTablePropagations,
} from '@aws-sdk/client-ec2';
import { allPages, perParentCollector } from '../collector.js';

export const transitGatewayPropagations = perParentCollector({
  key: 'TransitGatewayPropagations',
  service: 'ec2',
  dependsOn: 'TransitGatewayRouteTables',
  commands: [GetTransitGatewayRouteTablePropagationsCommand],
  parentId: 'TransitGatewayRouteTableId',
  applies: (rt) => rt.State !== 'deleted' && rt.State !== 'deleting',
  async fetch(run, id) {
    const pages = await allPages(
      run,
      GetTransitGatewayRouteTablePropagationsCommand,
      paginateGetTransitGatewayRouteTablePropagations(
        { client: run.client('ec2') },
        { TransitGatewayRouteTableId: id },
      ),
    );
    return {
      TransitGatewayRouteTablePropagations: pages.flatMap(
        (p) => p.TransitGatewayRouteTablePropagations ?? [],
      ),
    };
  },
});
