// TransitGatewayStaticRoutes: SearchTransitGatewayRoutes (filter type=static) per TGW route table,
// written as Batfish stores it (batfish-aws/test-transit-gateway/aws_configs/TransitGatewayStaticRoutes.json):
// {"TransitGatewayStaticRoutes": [{"TransitGatewayRouteTableId", "Routes", "AdditionalRoutesAvailable"}]}.
import { SearchTransitGatewayRoutesCommand, paginateSearchTransitGatewayRoutes } from '@aws-sdk/client-ec2';
import { allPages, perParentCollector } from '../collector.js';

export const transitGatewayStaticRoutes = perParentCollector({
  key: 'TransitGatewayStaticRoutes',
  service: 'ec2',
  dependsOn: 'TransitGatewayRouteTables',
  commands: [SearchTransitGatewayRoutesCommand],
  parentId: 'TransitGatewayRouteTableId',
  applies: (rt) => rt.State !== 'deleted' && rt.State !== 'deleting',
  async fetch(run, id) {
    const pages = await allPages(
      run,
      SearchTransitGatewayRoutesCommand,
      paginateSearchTransitGatewayRoutes(
        { client: run.client('ec2') },
        { TransitGatewayRouteTableId: id, Filters: [{ Name: 'type', Values: ['static'] }] },
      ),
    );
    return {
      AdditionalRoutesAvailable: pages.some((p) => p.AdditionalRoutesAvailable === true),
      Routes: pages.flatMap((p) => p.Routes ?? []),
    };
  },
});
