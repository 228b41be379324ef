// zod schema of collection.json (CollectionManifest in ../model.ts), written by `perimeter collect`.
import { z } from 'zod';
import { optStr } from './common.js';

export const collectionManifestSchema = z.looseObject({
  version: z.literal(1, { error: 'expected manifest version 1' }),
  collectedAt: z.string(),
  collectedBy: optStr,
  tool: optStr,
  accounts: z.array(z.string()),
  regions: z.array(z.string()),
  calls: z.array(
    z.looseObject({
      accountId: z.string(),
      region: z.string(),
      service: z.string(),
      operation: z.string(),
      key: z.string(),
      pages: z.number(),
      items: z.number(),
    }),
  ),
  failures: z.array(
    z.looseObject({
      accountId: z.string(),
      region: optStr,
      service: optStr,
      operation: optStr,
      kind: z.string(),
      errorCode: optStr,
      message: z.string(),
    }),
  ),
});
