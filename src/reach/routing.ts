// Longest-prefix-match route lookup in a VPC route table, for one address or a whole address set
// (partitioned by the route that wins for each part). `local` routes are ordinary routes here: the
// longest prefix wins, which is how AWS treats them (more specific routes than local are allowed
// only for middlebox routing). https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
import type { IpVersion, Route } from '../estate/model.js';
import { BigIntervalSet } from '../net/index.js';
import type { CompiledRoute, CompiledTable } from './context.js';

export interface RouteMatch {
  readonly tableId: string;
  readonly route: Route;
  /** The destination as written (CIDR, or `pl-… (cidr)`). */
  readonly destination: string;
}

export interface RouteDecision {
  readonly match?: RouteMatch;
  readonly addrs: BigIntervalSet;
}

function toMatch(t: CompiledTable, r: CompiledRoute): RouteMatch {
  return { tableId: t.table.id, route: r.route, destination: r.destination };
}

export function lookupRoute(t: CompiledTable, version: IpVersion, value: bigint): RouteMatch | undefined {
  for (const r of version === 4 ? t.v4 : t.v6) {
    if (r.first <= value && value <= r.last) return toMatch(t, r);
  }
  return undefined;
}

/** Splits `set` by winning route (in route order); addresses no route covers come last without `match`. */
export function routeDecisions(t: CompiledTable, version: IpVersion, set: BigIntervalSet): RouteDecision[] {
  const out: RouteDecision[] = [];
  let remaining = set;
  for (const r of version === 4 ? t.v4 : t.v6) {
    if (remaining.isEmpty()) break;
    const part = remaining.intersect(BigIntervalSet.range(r.first, r.last));
    if (part.isEmpty()) continue;
    out.push({ match: toMatch(t, r), addrs: part });
    remaining = remaining.subtract(part);
  }
  if (!remaining.isEmpty()) out.push({ addrs: remaining });
  return out;
}

/** "not modelled" notes for prefix-list routes whose entries are unknown (they could win for any address). */
export function unknownRouteNotes(t: CompiledTable): string[] {
  return t.unknownPrefixLists.map(
    (u) =>
      `not modelled: route table ${t.table.id} routes prefix list ${u.prefixListId} to ${u.route.target.id} but the snapshot does not hold its entries`,
  );
}
