// A fast, allocation-free validity check compiled from a zod schema. zod stays the schema of
// record and the error reporter: the loader runs this check first and only calls zod's
// safeParse (which copies every object it validates) when the check fails, to get the issues.
// Supports the subset of zod our schemas use; anything else compiles to `undefined` (= always
// use zod).
import type { z } from 'zod';

export type Check = (v: unknown) => boolean;

interface Def {
  type: string;
  checks?: unknown[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  values?: unknown[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  mode?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function defOf(s: z.ZodType): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

const cache = new WeakMap<z.ZodType, Check | null>();

/** Compile `schema` to a boolean check that accepts exactly what zod accepts, or undefined. */
export function compileCheck(schema: z.ZodType): Check | undefined {
  const hit = cache.get(schema);
  if (hit !== undefined) return hit ?? undefined;
  const c = compile(schema);
  cache.set(schema, c ?? null);
  return c;
}

function compile(schema: z.ZodType): Check | undefined {
  const def = defOf(schema);
  if (def.checks && def.checks.length > 0) return undefined;
  switch (def.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'unknown':
    case 'any':
      return () => true;
    case 'null':
      return (v) => v === null;
    case 'literal': {
      const values = def.values ?? [];
      return (v) => values.includes(v);
    }
    case 'optional': {
      const inner = compile(def.innerType!);
      return inner && ((v) => v === undefined || inner(v));
    }
    case 'nullable': {
      const inner = compile(def.innerType!);
      return inner && ((v) => v === null || inner(v));
    }
    case 'array': {
      const el = compile(def.element!);
      if (!el) return undefined;
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!el(v[i])) return false;
        return true;
      };
    }
    case 'union': {
      const opts = (def.options ?? []).map(compile);
      if (opts.some((o) => o === undefined)) return undefined;
      const list = opts as Check[];
      return (v) => list.some((o) => o(v));
    }
    case 'record': {
      const key = defOf(def.keyType!);
      if (key.type !== 'string' || (key.checks && key.checks.length > 0) || def.mode === 'loose')
        return undefined;
      const val = compile(def.valueType!);
      if (!val) return undefined;
      return (v) => {
        if (!isObject(v)) return false;
        for (const k in v) if (!val(v[k])) return false;
        return true;
      };
    }
    case 'object': {
      // Strict objects (catchall never) reject unknown keys; we only compile loose/strip ones.
      if (def.catchall && defOf(def.catchall).type === 'never') return undefined;
      const entries: [string, Check][] = [];
      for (const [k, s] of Object.entries(def.shape ?? {})) {
        const c = compile(s);
        if (!c) return undefined;
        entries.push([k, c]);
      }
      const n = entries.length;
      const keys = entries.map((e) => e[0]);
      const checks = entries.map((e) => e[1]);
      return (v) => {
        if (!isObject(v)) return false;
        for (let i = 0; i < n; i++) if (!checks[i]!(v[keys[i]!])) return false;
        return true;
      };
    }
    default:
      return undefined;
  }
}
