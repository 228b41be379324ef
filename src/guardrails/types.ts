// The shapes the guardrail generator works with: policy JSON as AWS reads it, a guardrail before
// it is fitted to quotas (a draft: statements + where it attaches + the scenarios that prove it),
// and a generated policy (one quota-sized piece of a draft).

export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

/** One statement, keys in the order AWS documents them (the order is kept when serialized). */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | Readonly<Record<string, string | readonly string[]>>;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyJson {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** Where a policy is used: service control, resource control, VPC endpoint or an inline role policy. */
export type PolicyKind = 'scp' | 'rcp' | 'vpce' | 'identity';

export type Attachment =
  | { readonly kind: 'org'; readonly targetIds: readonly string[] }
  | { readonly kind: 'role'; readonly roleArn: string; readonly roleName: string; readonly accountId: string }
  | {
      readonly kind: 'endpoint';
      readonly service: string;
      readonly serviceName: string;
      readonly region: string;
      readonly vpcId: string;
      readonly endpointId?: string;
      readonly accountId?: string;
    };

/** How the caller holds credentials (DOMAIN.md §1: this decides which EC2 keys are present). */
export type CredentialType =
  'ec2-instance' | 'stolen-ec2-instance' | 'workload-role' | 'human-role' | 'external';

/** One row of a proof matrix: who, over which network path, does what, and what the intent expects. */
export interface Scenario {
  /** Principal label for the table, e.g. "analytics EC2 role (i-0abc)". */
  readonly principal: string;
  readonly principalArn: string;
  /** The account whose SCP chain applies to the principal. */
  readonly principalAccount: string;
  /** Root → OUs → account of the principal; undefined when the account is outside the organization (no SCPs apply). */
  readonly principalOrgPath?: readonly string[];
  readonly credential: CredentialType;
  /** Network path label, e.g. "own VPC endpoint", "NAT 203.0.113.10", "internet 198.51.100.7". */
  readonly path: string;
  readonly action: string;
  readonly resource: string;
  /** Owner of the resource: its RCP chain applies. */
  readonly resourceAccount?: string;
  /** Root → OUs → account of the resource owner (its RCP chain); undefined when outside the organization. */
  readonly resourceOrgPath?: readonly string[];
  /** The request context (condition keys) this credential and path produce. */
  readonly context: Readonly<Record<string, string | readonly string[]>>;
  /** A resource policy on the target resource (cross-account scenarios need one to be allowed). */
  readonly resourcePolicy?: PolicyJson;
  /** True when the request goes through the endpoint whose policy is generated (vpce drafts). */
  readonly throughEndpoint?: boolean;
  readonly expect: 'allow' | 'deny';
  /** Why the intent expects this outcome (one line, shown in the proof). */
  readonly because: string;
}

export interface GuardrailDraft {
  /** kebab-case, unique, used for file names and resource ids: `no-internet-ingress`. */
  readonly id: string;
  readonly kind: PolicyKind;
  readonly title: string;
  readonly description: string;
  readonly statements: readonly PolicyStatement[];
  readonly attachment: Attachment;
  readonly scenarios: readonly Scenario[];
  /** Caveats a reviewer must read (AWS behaviour that is not obvious), each with its doc page. */
  readonly notes: readonly string[];
  /** Lint findings the pattern causes on purpose, by code, with the reason shown in the proof. */
  readonly acceptedLint?: readonly { readonly code: string; readonly reason: string }[];
}

/** One policy that ships: a draft, or one part of a draft split to fit the size quota. */
export interface GeneratedPolicy {
  /** File-safe name: the draft id, with `-part-N` when split. */
  readonly name: string;
  readonly draft: GuardrailDraft;
  readonly part: number;
  readonly parts: number;
  readonly document: PolicyJson;
  /** The minified JSON that ships and is counted against the quota. */
  readonly minified: string;
  /** UTF-8 bytes of `minified`. */
  readonly bytes: number;
  readonly limit: number;
}
