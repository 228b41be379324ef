// Every check, sorted by id. Add a check: create src/checks/<area>/<id>.ts with defineCheck,
// import it here, add it to `allChecks` (keep sorted) and to the packs it belongs to (packs.ts).
import { igwInNoInternetZone } from './network/igw-in-no-internet-zone.js';
import { peeringRouteTooBroad } from './network/peering-route-too-broad.js';
import { sgWorldOpenAdminPort } from './network/sg-world-open-admin-port.js';
import type { Check } from './types.js';

// prettier-ignore
export const allChecks: readonly Check[] = [
  igwInNoInternetZone,
  peeringRouteTooBroad,
  sgWorldOpenAdminPort,
];

export function checkById(id: string): Check | undefined {
  return allChecks.find((c) => c.id === id);
}
