// The reachability engine's per-subnet IPv4 egress as the lookup iam/simulate needs (iam/ must not
// import reach/; checks and the CLI may). Used by ec2-credentials-unbound and `perimeter simulate`.
import type { Estate } from '../../estate/model.js';
import type { EgressLookup } from '../../iam/network-paths.js';
import { computeEgress } from '../../reach/index.js';

export function egressLookupFor(estate: Estate): EgressLookup {
  const bySubnet = new Map(computeEgress(estate).map((e) => [e.subnetId, e.ipv4]));
  return (subnetId) => {
    const e = bySubnet.get(subnetId);
    if (!e) return undefined;
    return { kind: e.kind, path: e.path, ...(e.sourceIps ? { sourceIps: e.sourceIps } : {}) };
  };
}
