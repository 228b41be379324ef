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

// ---- guardrails: what `perimeter generate` turns into SCPs, RCPs, endpoint and role policies ----

/** Root (r-…), OU (ou-…) or account id a generated SCP/RCP is attached to. */
const targetId = z
  .string()
  .regex(
    /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[0-9a-z]{4,32}|\d{12})$/,
    'a root id (r-…), an OU id (ou-…-…) or a 12-digit account id',
  );
const vpcId = z.string().regex(/^vpc-[0-9a-f]{8,17}$/, 'a VPC id like vpc-0abc1234');
const actionPattern = z
  .string()
  .regex(/^[a-z0-9-]+:[A-Za-z0-9*?]+$/, 'an IAM action like cloudfront:ListDistributions');
const serviceName = z.string().regex(/^[a-z0-9-]+$/, 'an IAM service prefix like s3 or sqs');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'a lower-case name of letters, digits and dashes');
/** A role name (`app-role`), a role ARN or an ARN pattern (`arn:aws:iam::*:role/NetworkAdmin`). */
const roleRef = z
  .string()
  .regex(/^(arn:aws[a-z-]*:iam::(\d{12}|\*):role\/\S+|[\w+=,.@-]+)$/, 'a role name or a role ARN');

export const endpointWorkloadSchema = z
  .strictObject({
    name: slug,
    /** Actions this workload may call through the endpoint. */
    actions: z.array(actionPattern).min(1),
    /** Resource ARNs (patterns) it may reach. */
    resources: z.array(z.string().min(1)).min(1),
    /** EC2 instance-role credentials: keyed on aws:EC2InstanceSourceVPC (+ private IPv4 CIDRs). */
    ec2: z
      .strictObject({
        vpcs: z.array(vpcId).min(1),
        privateCidrs: z.array(z.string()).default([]),
      })
      .optional(),
    /** Lambda / ECS task / EKS pod roles: keyed on aws:PrincipalTag/<key>. */
    principalTag: z.strictObject({ key: z.string().min(1), value: z.string().min(1) }).optional(),
  })
  .refine((w) => w.ec2 !== undefined || w.principalTag !== undefined, {
    message:
      'a workload names ec2 (VPCs of its instances) or principalTag (its Lambda/ECS/EKS roles), or both',
  });

export const endpointPolicySchema = z.strictObject({
  /** Service prefix of the interface endpoint, e.g. sqs (com.amazonaws.<region>.sqs). */
  service: serviceName,
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region like us-east-1'),
  /** The hub VPC that hosts the centralized endpoint. */
  vpcId,
  /** The existing endpoint (vpce-…) when known; outputs then update its policy. */
  endpointId: z
    .string()
    .regex(/^vpce-[0-9a-f]{8,17}$/, 'an endpoint id like vpce-0abc1234')
    .optional(),
  workloads: z.array(endpointWorkloadSchema).min(1),
});

export const ec2CredentialBindingSchema = z
  .strictObject({
    name: slug,
    /** endpoint-only: calls must come through a VPC endpoint in the instance's own VPC; nat-aware: or from its VPC's NAT gateway addresses. */
    variant: z.enum(['endpoint-only', 'nat-aware']),
    attachAs: z.enum(['scp', 'inline']).default('scp'),
    /** For attachAs scp: roots, OUs or accounts. */
    targets: z.array(targetId).default([]),
    /** For attachAs inline: the instance roles (names or ARNs). */
    roles: z.array(roleRef).default([]),
    /** Actions of services without VPC endpoints (NotAction), e.g. cloudfront:ListDistributions. */
    exceptActions: z.array(actionPattern).default([]),
    /**
     * VPCs of centralized (hub) endpoints the instances may also call through (aws:SourceVpc is then the
     * hub VPC). Default: the VPCs of guardrails.endpointPolicies; [] for none.
     */
    endpointVpcs: z.array(vpcId).optional(),
  })
  .refine((b) => (b.attachAs === 'scp' ? b.targets.length > 0 : b.roles.length > 0), {
    message: 'attachAs scp needs targets (root, OU or account ids); attachAs inline needs roles',
  });

export const callerLockSchema = z.strictObject({
  /** The role whose credentials only work from its instances' public addresses (seed 003). */
  role: roleRef,
  /** VPCs whose endpoints the role's instances use (hub VPCs); the instances' own VPCs are always allowed. */
  endpointVpcs: z.array(vpcId).default([]),
});

export const networkPerimeterSchema = z.strictObject({
  targets: z.array(targetId).min(1),
  /** Services whose calls must come from trusted networks (SCP) or trusted identities and networks (RCP). */
  services: z.array(serviceName).default(['s3', 'sqs', 'kms', 'secretsmanager', 'dynamodb']),
  scp: z.boolean().default(true),
  rcp: z.boolean().default(true),
  /** Trust the NAT gateway addresses of the targets' VPCs (static egress points) besides trustedCidrs. */
  natGateways: z.boolean().default(true),
});

export const guardrailsSchema = z.strictObject({
  /** Roles exempt from the network-construct denies (aws:PrincipalARN), names or ARN patterns. */
  privilegedRoles: z.array(roleRef).default([]),
  /** The SCP for the top-level noInternetIngress OUs/accounts. */
  noInternetIngress: z
    .strictObject({
      enabled: z.boolean().default(true),
      egressOnlyInternetGateway: z.boolean().default(true),
      globalAccelerator: z.boolean().default(true),
    })
    .prefault({}),
  /** Peering only with organization accounts and trustedAccounts; targets default to the org root. */
  peering: z.strictObject({ targets: z.array(targetId).default([]) }).optional(),
  ec2CredentialBinding: z.array(ec2CredentialBindingSchema).default([]),
  callerLock: z.array(callerLockSchema).default([]),
  endpointPolicies: z.array(endpointPolicySchema).default([]),
  networkPerimeter: networkPerimeterSchema.optional(),
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
  /** What `perimeter generate` produces (optional; every part has defaults). */
  guardrails: guardrailsSchema.prefault({}),
});

export type Intent = z.infer<typeof intentSchema>;
export type TrustedAccount = z.infer<typeof trustedAccountSchema>;
export type Suppression = z.infer<typeof suppressionSchema>;
export type GuardrailsIntent = z.infer<typeof guardrailsSchema>;
export type EndpointPolicyIntent = z.infer<typeof endpointPolicySchema>;
export type EndpointWorkloadIntent = z.infer<typeof endpointWorkloadSchema>;
export type Ec2CredentialBindingIntent = z.infer<typeof ec2CredentialBindingSchema>;
export type CallerLockIntent = z.infer<typeof callerLockSchema>;
export type NetworkPerimeterIntent = z.infer<typeof networkPerimeterSchema>;

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
