// Size and count quotas the generator fits policies into (DOMAIN.md §5).
// SCP/RCP: "Maximum size of a policy document: 5,120 characters" and at most 5 policies of a type
// attached to a root, OU or account (FullAWSAccess counts while attached):
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
// We count UTF-8 bytes of the minified JSON, which is never less than the character count.
// VPC endpoint policy: 20,480 characters, one policy per endpoint:
// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
// Inline role policies: the aggregate of a role's inline policies is limited to 10,240 characters:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
import type { PolicyKind } from './types.js';

export const sizeLimits: Readonly<Record<PolicyKind, number>> = {
  scp: 5120,
  rcp: 5120,
  vpce: 20480,
  identity: 10240,
};

/** Policies of one type attached to one root, OU or account. */
export const maxPoliciesPerTarget = 5;

/** Kinds whose statements may be spread over several policies (an endpoint has exactly one policy). */
export const splittable: Readonly<Record<PolicyKind, boolean>> = {
  scp: true,
  rcp: true,
  vpce: false,
  identity: true,
};
