// Every check, sorted by id. Add a check: create src/checks/<area>/<id>.ts with defineCheck,
// import it here, add it to `allChecks` (keep sorted) and to the packs it belongs to (packs.ts).
import { collectionGap } from './coverage/collection-gap.js';
import { ec2CredentialsUnbound } from './iam/ec2-credentials-unbound.js';
import { policyInvalid } from './iam/policy-invalid.js';
import { policyLameDuckCondition } from './iam/policy-lame-duck-condition.js';
import { policyOverQuota } from './iam/policy-over-quota.js';
import { crossOrgPeering } from './network/cross-org-peering.js';
import { deadDefaultRoute } from './network/dead-default-route.js';
import { igwNotPrevented } from './network/igw-not-prevented.js';
import { igwInNoInternetZone } from './network/igw-in-no-internet-zone.js';
import { internetExposed } from './network/internet-exposed.js';
import { peeringRouteTooBroad } from './network/peering-route-too-broad.js';
import { sgWorldOpenAdminPort } from './network/sg-world-open-admin-port.js';
import { endpointBypass } from './endpoints/endpoint-bypass.js';
import type { Check } from './types.js';

// prettier-ignore
export const allChecks: readonly Check[] = [
  collectionGap,
  crossOrgPeering,
  deadDefaultRoute,
  ec2CredentialsUnbound,
  endpointBypass,
  igwInNoInternetZone,
  igwNotPrevented,
  internetExposed,
  peeringRouteTooBroad,
  policyInvalid,
  policyLameDuckCondition,
  policyOverQuota,
  sgWorldOpenAdminPort,
];
