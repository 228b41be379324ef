// Shared zod pieces for the raw AWS JSON schemas. Records are loose: unknown fields pass through.
import { z } from 'zod';

export const str = z.string();
/** Optional string; `null` is treated as absent (some tools write nulls). */
export const optStr = z.string().nullish();
export const optBool = z.boolean().nullish();
export const optNum = z.number().nullish();
export const optStrList = z.array(z.string()).nullish();

export const cidrV4 = z.string({ error: 'expected a CIDR string like 10.0.0.0/16' });
export const cidrV6 = z.string({ error: 'expected an IPv6 CIDR string like 2600:1f18::/56' });
export const optCidrV4 = cidrV4.nullish();
export const optCidrV6 = cidrV6.nullish();
export const ipString = z.string({ error: 'expected an IP address string like 10.0.0.5' });
export const optIp = ipString.nullish();

export const tag = z.looseObject({ Key: z.string(), Value: z.string().nullish() });
export const tagList = z.array(tag).nullish();

/** AWS EC2 ids are strings with a fixed prefix. */
export function idOf(prefix: string) {
  return z.string({ error: `expected an id string like ${prefix}0123456789abcdef0` });
}

/** Any JSON object, used for resources we only count. */
export const anyRecord = z.unknown();
