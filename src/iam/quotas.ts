// Policy size quotas. Sizes are measured as UTF-8 bytes of the minified JSON (no whitespace outside
// strings), which is never below AWS's character count, so "within quota" here is safe.
// - SCP and RCP: 5,120 characters (Organizations quotas; DOMAIN.md §5).
// - VPC endpoint policy: 20,480 characters (DOMAIN.md §5).
// - Managed IAM policy (identity, permissions boundary): 6,144 characters, whitespace not counted
//   (AWS Knowledge Center "iam-increase-policy-size", IAM and AWS STS quotas page).
// - Role trust policy: 2,048 characters by default (IAM and AWS STS quotas, "Role trust policy
//   length"; adjustable through Service Quotas — the adjusted maximum is not checked here, an
//   account with a raised quota sees a false "over quota").
// - Session policy: 2,048 characters of plaintext for the inline and managed session policies
//   together (STS API Reference, AssumeRole `Policy`: "can't exceed 2,048 characters"); the packed
//   binary size (PackedPolicySize) is a separate limit that cannot be computed offline.
// - Resource policies: quotas differ per service (S3 20 KB, SQS 8,192 bytes …): not checked.
import type { PolicyType } from './types.js';

const utf8 = new TextEncoder();

export const policyQuotas: Readonly<Partial<Record<PolicyType, number>>> = Object.freeze({
  scp: 5120,
  rcp: 5120,
  vpce: 20480,
  identity: 6144,
  boundary: 6144,
  trust: 2048,
  session: 2048,
});

/** UTF-8 bytes of the minified JSON of a parsed document (or of a JSON string, re-minified). */
export function minifiedSize(document: unknown): number | undefined {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc) as unknown;
    } catch {
      return undefined;
    }
  }
  const text = JSON.stringify(doc);
  return text === undefined ? undefined : utf8.encode(text).length;
}

export interface QuotaCheck {
  readonly size: number;
  readonly limit: number;
  readonly over: boolean;
}

/** The size check for a policy of `type`, or undefined when there is no quota to check. */
export function checkQuota(document: unknown, type: PolicyType): QuotaCheck | undefined {
  const limit = policyQuotas[type];
  const size = minifiedSize(document);
  if (limit === undefined || size === undefined) return undefined;
  return { size, limit, over: size > limit };
}
