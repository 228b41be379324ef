// The intent file (perimeter.yaml): what the organization means to allow. Validated with zod;
// unknown fields are errors with their path. The checks issue extends this schema; keep it strict.
import { z } from 'zod';

const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const trustedAccountSchema = z.strictObject({
  id: accountId,
  name: z.string().optional(),
  reason: z.string().optional(),
});

export const suppressionSchema = z
  .strictObject({
    fingerprint: z.string().optional(),
    ruleId: z.string().optional(),
    resource: z.string().optional(),
    reason: z.string().min(1, 'a reason is required'),
    expires: isoDate.optional(),
  })
  .refine((s) => s.fingerprint !== undefined || (s.ruleId !== undefined && s.resource !== undefined), {
    message: 'a suppression names either a fingerprint or both ruleId and resource',
  });

export const intentSchema = z.strictObject({
  organizationId: z
    .string()
    .regex(/^o-[a-z0-9]{10,32}$/, 'an organization id like o-abc123defg')
    .optional(),
  trustedAccounts: z.array(trustedAccountSchema).default([]),
  trustedCidrs: z.array(z.string()).default([]),
  /** OU ids (ou-…, r-…) or account ids that must have no internet ingress. */
  noInternetIngress: z.array(z.string()).default([]),
  ports: z
    .strictObject({
      critical: z.array(z.number().int().min(0).max(65535)).optional(),
    })
    .default({}),
  checks: z
    .strictObject({
      disabled: z.array(z.string()).default([]),
    })
    .default({ disabled: [] }),
  suppressions: z.array(suppressionSchema).default([]),
});

export type Intent = z.infer<typeof intentSchema>;
export type TrustedAccount = z.infer<typeof trustedAccountSchema>;
export type Suppression = z.infer<typeof suppressionSchema>;

/** The intent used when there is no perimeter.yaml. */
export function emptyIntent(): Intent {
  return intentSchema.parse({});
}

/** Admin and database ports opened to the internet are critical unless the intent says otherwise. */
export const defaultCriticalPorts: readonly number[] = [
  20, 21, 22, 23, 25, 445, 1433, 1521, 2049, 2375, 2376, 3306, 3389, 5432, 5601, 5900, 6379, 9200, 9300,
  11211, 27017,
];

export interface IntentIssue {
  readonly path: string;
  readonly message: string;
}

/** Validates parsed YAML/JSON; returns the intent or every problem with its path (`$.suppressions[0].reason`). */
export function validateIntent(data: unknown): { intent: Intent } | { issues: IntentIssue[] } {
  const r = intentSchema.safeParse(data ?? {});
  if (r.success) return { intent: r.data };
  return {
    issues: r.error.issues.map((i) => ({
      path: '$' + i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join(''),
      message: i.message,
    })),
  };
}
