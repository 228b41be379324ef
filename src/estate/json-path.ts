// JSON paths (`$.Vpcs[3].CidrBlock`) and short renderings of values for problem messages.

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return IDENT.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

export function joinPath(base: string, keys: readonly PropertyKey[]): string {
  let p = base;
  for (const k of keys) p = childPath(p, typeof k === 'number' ? k : String(k));
  return p;
}

/** Value at a relative path, or `undefined` when the path does not exist. */
export function valueAt(root: unknown, keys: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let cur: unknown = root;
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object') return { found: false, value: undefined };
    const obj = cur as Record<PropertyKey, unknown>;
    if (!Object.prototype.hasOwnProperty.call(obj, k)) return { found: false, value: undefined };
    cur = obj[k];
  }
  return { found: true, value: cur };
}

/** A short, single-line rendering of a JSON value for "found …" in messages. */
export function renderValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty array' : `an array of ${v.length}`;
  if (typeof v === 'object') {
    const keys = Object.keys(v as object);
    const shown = keys.slice(0, 4).join(', ');
    return keys.length === 0
      ? 'an empty object'
      : `an object with keys ${shown}${keys.length > 4 ? ', …' : ''}`;
  }
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
