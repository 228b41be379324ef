// zod schemas of Route 53 ListHostedZones / GetHostedZone responses.
import { z } from 'zod';
import { optBool } from './common.js';

export const hostedZoneSchema = z.looseObject({
  Id: z.string(),
  Name: z.string(),
  Config: z.looseObject({ PrivateZone: optBool }).nullish(),
});

export const hostedZoneVpcSchema = z.looseObject({ VPCId: z.string(), VPCRegion: z.string() });
