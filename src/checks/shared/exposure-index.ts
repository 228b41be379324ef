// Exposures indexed by every id on their path (IGW, route table, NACL, SG, ENI, load balancer …),
// so checks can ask "what is reachable through X" in O(1).
import type { Exposure } from '../../reach/exposure.js';

export function exposuresByHop(exposures: readonly Exposure[]): ReadonlyMap<string, readonly Exposure[]> {
  const m = new Map<string, Exposure[]>();
  for (const e of exposures) {
    for (const id of new Set(e.via)) {
      const list = m.get(id);
      if (list) list.push(e);
      else m.set(id, [e]);
    }
  }
  return m;
}
