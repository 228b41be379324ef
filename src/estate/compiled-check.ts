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
  const c = generate(schema) ?? compile(schema);
  cache.set(schema, c ?? null);
  return c;
}

/**
 * Generate the check as JavaScript source (one function per object/array/record schema, leaves
 * inlined) and compile it with `new Function`: several times faster than a tree of closures on
 * hundreds of thousands of records. Same semantics as `compile` (the closure version, the fallback).
 */
function generate(schema: z.ZodType): Check | undefined {
  const consts: unknown[][] = [];
  const names = new Map<z.ZodType, string>();
  const fns: string[] = [];
  const fn = (s: z.ZodType): string | undefined => {
    const known = names.get(s);
    if (known !== undefined) return known;
    const def = defOf(s);
    const name = `f${names.size}`;
    names.set(s, name);
    let body: string;
    if (def.type === 'array') {
      const el = expr(def.element!, 'x');
      if (el === undefined) return undefined;
      body = `if (!Array.isArray(v)) return false; for (let i = 0; i < v.length; i++) { const x = v[i]; if (!(${el})) return false; } return true;`;
    } else if (def.type === 'record') {
      const key = defOf(def.keyType!);
      if (key.type !== 'string' || (key.checks && key.checks.length > 0) || def.mode === 'loose')
        return undefined;
      const val = expr(def.valueType!, 'x');
      if (val === undefined) return undefined;
      body = `if (typeof v !== 'object' || v === null || Array.isArray(v)) return false; for (const k in v) { const x = v[k]; if (!(${val})) return false; } return true;`;
    } else {
      // object (loose/strip only: strict objects reject unknown keys)
      if (def.catchall && defOf(def.catchall).type === 'never') return undefined;
      const parts = ['if (typeof v !== "object" || v === null || Array.isArray(v)) return false; let x;'];
      for (const [k, ks] of Object.entries(def.shape ?? {})) {
        const e = expr(ks, 'x');
        if (e === undefined) return undefined;
        parts.push(`x = v[${JSON.stringify(k)}]; if (!(${e})) return false;`);
      }
      parts.push('return true;');
      body = parts.join(' ');
    }
    fns.push(`function ${name}(v) { ${body} }`);
    return name;
  };
  const expr = (s: z.ZodType, x: string): string | undefined => {
    const def = defOf(s);
    if (def.checks && def.checks.length > 0) return undefined;
    switch (def.type) {
      case 'string':
        return `typeof ${x} === 'string'`;
      case 'number':
        return `(typeof ${x} === 'number' && Number.isFinite(${x}))`;
      case 'boolean':
        return `typeof ${x} === 'boolean'`;
      case 'unknown':
      case 'any':
        return 'true';
      case 'null':
        return `${x} === null`;
      case 'literal':
        consts.push(def.values ?? []);
        return `C[${consts.length - 1}].includes(${x})`;
      case 'optional': {
        const inner = expr(def.innerType!, x);
        return inner && `(${x} === undefined || ${inner})`;
      }
      case 'nullable': {
        const inner = expr(def.innerType!, x);
        return inner && `(${x} === null || ${inner})`;
      }
      case 'union': {
        const opts = (def.options ?? []).map((o) => expr(o, x));
        if (opts.length === 0 || opts.some((o) => o === undefined)) return undefined;
        return `(${opts.join(' || ')})`;
      }
      case 'array':
      case 'record':
      case 'object': {
        const f = fn(s);
        return f && `${f}(${x})`;
      }
      default:
        return undefined;
    }
  };
  const top = expr(schema, 'v');
  if (top === undefined) return undefined;
  const source = `${fns.join('\n')}\nreturn (v) => ${top};`;
  return new Function('C', source)(consts) as Check;
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
