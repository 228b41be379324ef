// Port sets for TCP/UDP rules.
import { IntervalSet } from './interval-set.js';
import { NetParseError } from './ip.js';

export const MAX_PORT = 65535;
export const allPorts: IntervalSet = IntervalSet.range(0, MAX_PORT);
/** Client ports NACLs must allow for replies (DOMAIN.md §8). */
export const ephemeralPorts: IntervalSet = IntervalSet.range(1024, MAX_PORT);

function isAll(p: number | undefined): boolean {
  return p === undefined || p === -1;
}

/**
 * The ports of an AWS rule (FromPort/ToPort, or a NACL PortRange From/To). Both absent or -1 means
 * every port. Throws NetParseError when only one end is given, a port is outside 0–65535, or from > to.
 */
export function portSetFromAws(fromPort?: number, toPort?: number): IntervalSet {
  if (isAll(fromPort) && isAll(toPort)) return allPorts;
  const shown = `FromPort ${String(fromPort)}, ToPort ${String(toPort)}`;
  if (isAll(fromPort) || isAll(toPort)) {
    throw new NetParseError(
      `port range ${shown} gives only one end (expected both ports, or both -1/absent for all)`,
      shown,
    );
  }
  for (const p of [fromPort, toPort]) {
    if (!Number.isInteger(p) || p! < 0 || p! > MAX_PORT) {
      throw new NetParseError(
        `port ${String(p)} in ${shown} is not valid (expected an integer 0-${MAX_PORT})`,
        shown,
      );
    }
  }
  if (fromPort! > toPort!) {
    throw new NetParseError(`port range ${shown} is reversed (expected FromPort <= ToPort)`, shown);
  }
  return IntervalSet.range(fromPort!, toPort!);
}

/** "22, 80-443"; the empty set is "none". */
export function formatPortSet(s: IntervalSet): string {
  if (s.isEmpty()) return 'none';
  return s
    .ranges()
    .map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`))
    .join(', ');
}
