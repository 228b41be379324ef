// Every collector, sorted by name. Add one: create collectors/<kebab-name>.ts, import it here.
// The read-only IAM policy (--print-policy) is derived from this list.
import type { Collector } from './collector.js';
import { accountAuthorizationDetails } from './collectors/account-authorization-details.js';
import { addresses } from './collectors/addresses.js';
import { dbInstances } from './collectors/db-instances.js';
import { egressOnlyInternetGateways } from './collectors/egress-only-internet-gateways.js';
import { hostedZoneVpcs } from './collectors/hosted-zone-vpcs.js';
import { hostedZones } from './collectors/hosted-zones.js';
import { internetGateways } from './collectors/internet-gateways.js';
import { loadBalancerListeners } from './collectors/load-balancer-listeners.js';
import { loadBalancerTargetHealth } from './collectors/load-balancer-target-health.js';
import { loadBalancers } from './collectors/load-balancers.js';
import { managedPrefixLists } from './collectors/managed-prefix-lists.js';
import { natGateways } from './collectors/nat-gateways.js';
import { networkAcls } from './collectors/network-acls.js';
import { networkInterfaces } from './collectors/network-interfaces.js';
import { prefixLists } from './collectors/prefix-lists.js';
import { reservations } from './collectors/reservations.js';
import { routeTables } from './collectors/route-tables.js';
import { securityGroups } from './collectors/security-groups.js';
import { subnets } from './collectors/subnets.js';
import { targetGroups } from './collectors/target-groups.js';
import { transitGatewayAttachments } from './collectors/transit-gateway-attachments.js';
import { transitGatewayPropagations } from './collectors/transit-gateway-propagations.js';
import { transitGatewayRouteTables } from './collectors/transit-gateway-route-tables.js';
import { transitGatewayStaticRoutes } from './collectors/transit-gateway-static-routes.js';
import { transitGatewayVpcAttachments } from './collectors/transit-gateway-vpc-attachments.js';
import { transitGateways } from './collectors/transit-gateways.js';
import { vpcEndpoints } from './collectors/vpc-endpoints.js';
import { vpcPeeringConnections } from './collectors/vpc-peering-connections.js';
import { vpcs } from './collectors/vpcs.js';

// prettier-ignore
export const allCollectors: readonly Collector[] = [
  accountAuthorizationDetails,
  addresses,
  dbInstances,
  egressOnlyInternetGateways,
  hostedZoneVpcs,
  hostedZones,
  internetGateways,
  loadBalancerListeners,
  loadBalancerTargetHealth,
  loadBalancers,
  managedPrefixLists,
  natGateways,
  networkAcls,
  networkInterfaces,
  prefixLists,
  reservations,
  routeTables,
  securityGroups,
  subnets,
  targetGroups,
  transitGatewayAttachments,
  transitGatewayPropagations,
  transitGatewayRouteTables,
  transitGatewayStaticRoutes,
  transitGatewayVpcAttachments,
  transitGateways,
  vpcEndpoints,
  vpcPeeringConnections,
  vpcs,
].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** Checks a collector list: unique names, every dependency present with the same scope. */
export function validateCollectors(list: readonly Collector[]): void {
  const byName = new Map<string, Collector>();
  for (const c of list) {
    if (byName.has(c.name))
      throw new Error(`two collectors are named ${JSON.stringify(c.name)} (expected unique names)`);
    byName.set(c.name, c);
  }
  for (const c of list) {
    if (c.dependsOn === undefined) continue;
    const parent = byName.get(c.dependsOn);
    if (!parent) {
      throw new Error(
        `collector ${c.name} depends on ${JSON.stringify(c.dependsOn)}, which is not in the collector list (expected one of: ${[...byName.keys()].join(', ')})`,
      );
    }
    if (parent.scope !== c.scope) {
      throw new Error(
        `collector ${c.name} (${c.scope}) depends on ${parent.name} (${parent.scope}): expected the same scope`,
      );
    }
  }
}

validateCollectors(allCollectors);
