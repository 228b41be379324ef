// Every check, sorted by id. Add a check: create src/checks/<area>/<id>.ts with defineCheck,
// import it here, add it to `allChecks` (keep sorted) and to the packs it belongs to (packs.ts).
import { crossOrgPeering } from './network/cross-org-peering.js';
import { deadDefaultRoute } from './network/dead-default-route.js';
import { igwInNoInternetZone } from './network/igw-in-no-internet-zone.js';
import { internetExposed } from './network/internet-exposed.js';
import { peeringRouteTooBroad } from './network/peering-route-too-broad.js';
import { sgWorldOpenAdminPort } from './network/sg-world-open-admin-port.js';
import type { Check } from './types.js';

// prettier-ignore
export const allChecks: readonly Check[] = [
  crossOrgPeering,
  deadDefaultRoute,
  igwInNoInternetZone,
  internetExposed,
  peeringRouteTooBroad,
  sgWorldOpenAdminPort,
];

export function checkById(id: string): Check | undefined {
  return allChecks.find((c) => c.id === id);
}
