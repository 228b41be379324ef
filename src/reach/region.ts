// A set of (peer address, port) pairs for one IP version, kept as a union of rectangles
// (address interval set × port interval set). Used to evaluate ordered NACL entries and unions of
// security-group rules exactly, with real CIDR arithmetic, without enumerating addresses or ports.
import { BigIntervalSet, IntervalSet } from '../net/index.js';

export interface Rect {
  readonly addrs: BigIntervalSet;
  readonly ports: IntervalSet;
}

/**
 * a ∩ b, returning an operand when it is the intersection: most intersections here leave one side
 * whole (a rule's CIDR inside the internet, a port range inside the universe), and a copy would be
 * kept alive by every region built from it.
 */
function meet<S extends { containsSet(o: S): boolean; intersect(o: S): S }>(a: S, b: S): S {
  if (a === b || b.containsSet(a)) return a;
  if (a.containsSet(b)) return b;
  return a.intersect(b);
}

export class Region {
  static readonly empty = new Region([]);

  private constructor(readonly rects: readonly Rect[]) {}

  static of(addrs: BigIntervalSet, ports: IntervalSet): Region {
    return addrs.isEmpty() || ports.isEmpty() ? Region.empty : new Region([{ addrs, ports }]);
  }

  static fromRects(rects: readonly Rect[]): Region {
    const kept = rects.filter((r) => !r.addrs.isEmpty() && !r.ports.isEmpty());
    return kept.length === 0 ? Region.empty : new Region(kept);
  }

  isEmpty(): boolean {
    return this.rects.length === 0;
  }

  union(o: Region): Region {
    if (o.isEmpty()) return this;
    if (this.isEmpty()) return o;
    return new Region([...this.rects, ...o.rects]);
  }

  intersectRect(addrs: BigIntervalSet, ports: IntervalSet): Region {
    return Region.fromRects(
      this.rects.map((r) => ({ addrs: meet(r.addrs, addrs), ports: meet(r.ports, ports) })),
    );
  }

  intersect(o: Region): Region {
    const out: Rect[] = [];
    for (const a of this.rects) {
      for (const b of o.rects) out.push({ addrs: meet(a.addrs, b.addrs), ports: meet(a.ports, b.ports) });
    }
    return Region.fromRects(out);
  }

  /** Removes addrs × ports; the pieces left stay disjoint from the removed rectangle. */
  subtractRect(addrs: BigIntervalSet, ports: IntervalSet): Region {
    const out: Rect[] = [];
    for (const r of this.rects) {
      const common = meet(r.addrs, addrs);
      if (common.isEmpty() || !r.ports.overlaps(ports)) {
        out.push(r);
        continue;
      }
      out.push({ addrs: r.addrs.subtract(addrs), ports: r.ports });
      out.push({ addrs: common, ports: r.ports.subtract(ports) });
    }
    return Region.fromRects(out);
  }

  /** Addresses that have at least one port in the region. */
  addresses(): BigIntervalSet {
    let s = BigIntervalSet.empty();
    for (const r of this.rects) s = s.union(r.addrs);
    return s;
  }

  /** Ports that have at least one address in the region. */
  ports(): IntervalSet {
    let s = IntervalSet.empty();
    for (const r of this.rects) s = s.union(r.ports);
    return s;
  }

  overlaps(o: Region): boolean {
    return this.rects.some((a) =>
      o.rects.some((b) => a.addrs.overlaps(b.addrs) && a.ports.overlaps(b.ports)),
    );
  }

  overlapsRect(addrs: BigIntervalSet, ports: IntervalSet): boolean {
    return this.rects.some((r) => r.addrs.overlaps(addrs) && r.ports.overlaps(ports));
  }
}
