// SDK v3 output → the JSON the AWS CLI prints: same PascalCase member names, no `$metadata`,
// timestamps as ISO-8601 strings, absent members left out. Keys sorted so files are stable.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function toAwsJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => toAwsJson(v));
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      if (key === '$metadata') continue;
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      out[key] = toAwsJson(v);
    }
    return out;
  }
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  throw new Error(
    `cannot write a ${typeof value} as JSON (expected AWS SDK output: objects, arrays, scalars, Dates)`,
  );
}

/** Pretty JSON with sorted keys and a final newline, as written to snapshot files. */
export function stableJson(value: unknown): string {
  return JSON.stringify(toAwsJson(value), null, 2) + '\n';
}
