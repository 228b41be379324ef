// The small interface the proofs need from an IAM engine: one decision for one request against
// the policies that apply to it, and lint findings for one policy. `engine-evaluator.ts`
// implements it with src/iam.
import type { PolicyKind } from '../types.js';

export interface NamedPolicy {
  readonly name: string;
  readonly document: unknown;
}

export interface OrgLevelPolicies {
  /** Root, OU or account id. */
  readonly id: string;
  readonly policies: readonly NamedPolicy[];
}

export interface EvaluationInput {
  readonly principalArn: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount?: string;
  readonly context: Readonly<Record<string, string | readonly string[]>>;
  /** SCP levels root → account; undefined or empty: SCPs do not apply to the principal. */
  readonly scpLevels?: readonly OrgLevelPolicies[];
  /** RCP levels root → account of the resource owner; undefined or empty: no RCPs apply. */
  readonly rcpLevels?: readonly OrgLevelPolicies[];
  readonly identityPolicies: readonly NamedPolicy[];
  readonly resourcePolicy?: NamedPolicy;
  /** The endpoint policy of the VPC endpoint the request goes through. */
  readonly endpointPolicy?: NamedPolicy;
}

export type DecisionValue = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | 'Unknown';

export interface EvaluationOutcome {
  readonly decision: DecisionValue;
  /** Policy sets that blocked the request (scp, rcp, vpce, identity, resource …). */
  readonly blockedBy: readonly string[];
  /** `policy-name#Sid` of the statements that decided (the matching Denies, or the granting Allows). */
  readonly deciding: readonly string[];
}

export interface LintIssue {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
}

export interface PolicyEvaluator {
  /** Engine name for the proof header. */
  readonly engine: string;
  evaluate(input: EvaluationInput): EvaluationOutcome;
  lint(
    document: unknown,
    kind: PolicyKind,
    options?: { readonly endpointVpcId?: string; readonly hubEndpoint?: boolean },
  ): readonly LintIssue[];
}
