// Helpers shared by the normalizers: tags, CIDRs with error reporting, de-duplication, sorted maps.
import { fastCidrV4, tryNormalizeCidr, type NormalizedCidr } from '../cidr.js';

export { fastCidrV4 };
import type { ProblemSink } from '../errors.js';
import { renderValue } from '../json-path.js';
import type { Rec } from '../raw.js';
import type { Tags } from '../model.js';

const EMPTY_TAGS: Tags = Object.freeze({});

export function tagsOf(list: readonly { Key: string; Value?: string | null }[] | null | undefined): Tags {
  if (!list || list.length === 0) return EMPTY_TAGS;
  const out: Record<string, string> = {};
  const sorted =
    list.length === 1 ? list : [...list].sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
  for (const t of sorted) out[t.Key] = t.Value ?? '';
  return out;
}

/** Normalize a CIDR or report an error at `path` and return undefined. */
export function cidrAt(
  sink: ProblemSink,
  origin: { file: string },
  path: string,
  text: string,
  want?: 4 | 6,
): NormalizedCidr | undefined {
  const c = tryNormalizeCidr(text);
  if (c && (want === undefined || c.version === want)) return c;
  const like = want === 6 ? '2600:1f18::/56' : '10.0.0.0/16';
  sink.error(
    origin.file,
    path,
    `expected ${want === 6 ? 'an IPv6' : want === 4 ? 'an IPv4' : 'a'} CIDR string like ${like}, found ${renderValue(text)}`,
  );
  return undefined;
}

/** null → undefined (AWS JSON written by some tools has nulls for absent fields). */
export function opt<T>(v: T | null | undefined): T | undefined {
  return v === null ? undefined : v;
}

/**
 * One record per id. The same resource can appear in several files (pagination overlap, or seen
 * from two accounts: shared TGWs, both sides of a peering). The copy collected in the owner's
 * account wins, else the first in (sorted) document order.
 */
export function uniqueById<T>(
  recs: readonly Rec<T>[],
  idOf: (r: T) => string,
  ownerOf?: (r: T) => string | undefined,
): Rec<T>[] {
  const byId = new Map<string, Rec<T>>();
  for (const r of recs) {
    const id = idOf(r.rec);
    const prev = byId.get(id);
    if (!prev) byId.set(id, r);
    else if (ownerOf) {
      const owner = ownerOf(r.rec);
      if (owner !== undefined && r.accountId === owner && prev.accountId !== owner) byId.set(id, r);
    }
  }
  const keys = sortedKeys(byId);
  const out: Rec<T>[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = byId.get(keys[i]!)!;
  return out;
}

/**
 * The keys of a map in sorted order. Keys are sorted with the default sort (UTF-16 code unit
 * order, the same as `<` on strings), which is much faster than a comparator on large arrays.
 */
export function sortedKeys(m: ReadonlyMap<string, unknown>): string[] {
  const keys = [...m.keys()];
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return sortStrings(keys);
  return keys;
}

/**
 * Sort strings in place in UTF-16 code unit order (the default sort's order). Large arrays (ids:
 * `eni-…`, `i-…`) are first bucketed by the two characters after their common prefix, then each
 * bucket is sorted: far fewer comparisons than one big sort. Non-ASCII input falls back to sort.
 */
export function sortStrings(a: string[]): string[] {
  const n = a.length;
  if (n < 4096) return a.sort();
  const first = a[0]!;
  let p = first.length;
  for (let i = 1; i < n && p > 0; i++) {
    const s = a[i]!;
    const m = p < s.length ? p : s.length;
    let j = 0;
    while (j < m && s.charCodeAt(j) === first.charCodeAt(j)) j++;
    p = j;
  }
  // Bucket key: the characters at p and p + 1 (+1; 0 = the string ended), monotone in string order.
  const buckets: (string[] | undefined)[] = new Array<string[] | undefined>(129 * 129);
  for (let i = 0; i < n; i++) {
    const s = a[i]!;
    const c0 = p < s.length ? s.charCodeAt(p) + 1 : 0;
    const c1 = p + 1 < s.length ? s.charCodeAt(p + 1) + 1 : 0;
    if (c0 > 128 || c1 > 128) return a.sort();
    const k = c0 * 129 + c1;
    const b = buckets[k];
    if (b === undefined) buckets[k] = [s];
    else b.push(s);
  }
  let w = 0;
  for (let k = 0; k < buckets.length; k++) {
    const b = buckets[k];
    if (b === undefined) continue;
    if (b.length > 1) b.sort();
    for (let i = 0; i < b.length; i++) a[w++] = b[i]!;
  }
  return a;
}

/** A copy of `m` iterated in sorted-key order. */
export function sortMap<V>(m: ReadonlyMap<string, V>): ReadonlyMap<string, V> {
  const keys = sortedKeys(m);
  const out = new Map<string, V>();
  for (const k of keys) out.set(k, m.get(k)!);
  return out;
}

/** Sort entries by key in place (skipped when already sorted, the common case). */
export function sortByKey<V>(entries: [string, V][]): [string, V][] {
  for (let i = 1; i < entries.length; i++) {
    if (entries[i - 1]![0] > entries[i]![0]) {
      const byKey = new Map(entries);
      if (byKey.size !== entries.length)
        return entries.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
      return [...byKey.keys()].sort().map((k): [string, V] => [k, byKey.get(k)!]);
    }
  }
  return entries;
}

/** A map iterated in sorted-key order. */
export function sortedMap<V>(entries: Iterable<[string, V]>): ReadonlyMap<string, V> {
  return new Map(sortByKey(Array.isArray(entries) ? (entries as [string, V][]) : [...entries]));
}

export function sortedUnique(xs: Iterable<string>): string[] {
  if (Array.isArray(xs)) {
    const a = xs as string[];
    if (a.length === 0) return [];
    if (a.length === 1) return [a[0]!];
    if (a.length === 2) return a[0]! < a[1]! ? [a[0]!, a[1]!] : a[0] === a[1] ? [a[0]!] : [a[1]!, a[0]!];
  }
  return [...new Set(xs)].sort();
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
