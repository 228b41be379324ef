// zod schemas of the organization/ files (DESIGN.md "Snapshot layout").
import { z } from 'zod';
import { optBool, optStr } from './common.js';

export const organizationSchema = z.looseObject({
  Id: optStr,
  Arn: optStr,
  MasterAccountId: optStr,
  ManagementAccountId: optStr,
});

export const rootSchema = z.looseObject({ Id: z.string(), Name: optStr, Arn: optStr });
export const ouSchema = z.looseObject({ Id: z.string(), Name: optStr, ParentId: optStr, Arn: optStr });
export const orgAccountSchema = z.looseObject({
  Id: z.string(),
  Name: optStr,
  Status: optStr,
  State: optStr,
  ParentId: optStr,
});

export const orgPolicySchema = z.looseObject({
  PolicySummary: z.looseObject({ Id: z.string(), Name: optStr, Type: optStr, AwsManaged: optBool }),
  Content: z.string({ error: 'expected the policy Content as a JSON string' }),
  Targets: z.array(z.looseObject({ TargetId: z.string() })).nullish(),
});
