// The policy linter: syntax/validity (parse.ts), size against quotas (quotas.ts) and the
// lame-duck catalogue L1–L12 of DOMAIN.md §4 — conditions that can never match, always match, or
// hold a key that is never present where the policy is evaluated.
//
// Severities: syntax errors and quota overruns are high (AWS rejects the policy); a lame duck is
// high when it silently disables a guardrail or denies legitimate traffic (L1 in Deny, L2, L3, L4
// with a known mismatch, L8 in Allow, L9), medium when it only makes a statement useless or
// fragile, low/info for advice.
import { isPrivateCidr, tryParseCidr } from '../net/index.js';
import { isCredentialKey, isGlobalKey, isKnownGlobalKey, isSingleValuedGlobalKey } from './keys.js';
import { parseOperator } from './operators.js';
import { parsePolicy } from './parse.js';
import { checkQuota } from './quotas.js';
import type { ConditionClause, PolicyType, Statement } from './types.js';
import { statementLabel } from './types.js';

export type LintCode =
  'L1' | 'L2' | 'L3' | 'L4' | 'L5' | 'L6' | 'L7' | 'L8' | 'L9' | 'L10' | 'L11' | 'L12' | 'syntax' | 'quota';

export type LintSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export interface LintFinding {
  readonly code: LintCode;
  readonly severity: LintSeverity;
  readonly message: string;
  /** Statement index, or its Sid when it has one. */
  readonly statement?: number | string;
  /** JSON path of the offending element in the policy document. */
  readonly path: string;
}

export interface LintOptions {
  /** The VPC the endpoint policy's endpoint lives in (for L4). */
  readonly endpointVpcId?: string;
  /** The endpoint is a centralized (hub) endpoint shared by spoke VPCs (for L4). */
  readonly hubEndpoint?: boolean;
}

/**
 * Services without a VPC interface endpoint, so aws:SourceVpc / aws:SourceVpce are never set on
 * calls to them (L12). Seed 001 names CloudFront; the others from the AWS PrivateLink service list
 * as remembered — incomplete: a service missing here is simply not flagged.
 */
const servicesWithoutEndpoints = new Set([
  'cloudfront',
  'globalaccelerator',
  'route53domains',
  'shield',
  'waf',
]);

const severityOrder: Record<LintSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

interface Ctx {
  readonly type: PolicyType;
  readonly options: LintOptions;
  readonly out: LintFinding[];
  readonly statements: readonly Statement[];
  readonly stPath: (i: number) => string;
}

function add(
  ctx: Ctx,
  st: Statement | undefined,
  code: LintCode,
  severity: LintSeverity,
  path: string,
  message: string,
): void {
  const label = st ? `${statementLabel(st.index, st.sid)}: ` : '';
  ctx.out.push({
    code,
    severity,
    message: `${label}${message}`,
    ...(st ? { statement: st.sid ?? st.index } : {}),
    path,
  });
}

const keyIs = (c: ConditionClause, key: string): boolean => c.key.toLowerCase() === key.toLowerCase();
const hasKey = (st: Statement, key: string): boolean => st.conditions.some((c) => keyIs(c, key));
const condPath = (ctx: Ctx, st: Statement, c: ConditionClause): string =>
  `${ctx.stPath(st.index)}.Condition.${c.operator}["${c.key}"]`;

/** Lints one policy document of `type`. Findings are sorted by statement, path and code. */
export function lintPolicy(document: unknown, type: PolicyType, options: LintOptions = {}): LintFinding[] {
  const parsed = parsePolicy(document, type);
  let raw = document;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw) as unknown;
    } catch {
      raw = undefined;
    }
  }
  const statementIsArray =
    typeof raw === 'object' && raw !== null && Array.isArray((raw as { Statement?: unknown }).Statement);
  const ctx: Ctx = {
    type,
    options,
    out: [],
    statements: parsed.policy.statements,
    stPath: (i) => (statementIsArray ? `$.Statement[${i}]` : '$.Statement'),
  };
  for (const issue of parsed.issues) {
    ctx.out.push({
      code: 'syntax',
      severity: issue.severity === 'error' ? 'high' : 'low',
      message: issue.message,
      ...(issue.statement !== undefined ? { statement: issue.sid ?? issue.statement } : {}),
      path: issue.path,
    });
  }
  const q = raw === undefined ? undefined : checkQuota(raw, type);
  if (q?.over) {
    ctx.out.push({
      code: 'quota',
      severity: 'high',
      message: `the policy is ${q.size} bytes minified, over the ${q.limit}-character quota for a ${type} policy (AWS rejects it; split or shorten it)`,
      path: '$',
    });
  }
  for (const st of parsed.policy.statements) lintStatement(ctx, st);
  return ctx.out.sort(
    (a, b) =>
      statementOrder(a) - statementOrder(b) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      codeOrder(a.code) - codeOrder(b.code) ||
      severityOrder[a.severity] - severityOrder[b.severity] ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );

  function statementOrder(f: LintFinding): number {
    if (f.statement === undefined) return -1;
    if (typeof f.statement === 'number') return f.statement;
    return parsed.policy.statements.find((s) => s.sid === f.statement)?.index ?? -1;
  }
}

const codes: readonly LintCode[] = [
  'syntax',
  'quota',
  'L1',
  'L2',
  'L3',
  'L4',
  'L5',
  'L6',
  'L7',
  'L8',
  'L9',
  'L10',
  'L11',
  'L12',
];
function codeOrder(c: LintCode): number {
  return codes.indexOf(c);
}

function privateValues(c: ConditionClause): string[] {
  return c.values.filter((v) => {
    const cidr = tryParseCidr(v);
    return cidr !== undefined && isPrivateCidr(cidr.text);
  });
}

function lintStatement(ctx: Ctx, st: Statement): void {
  const deny = st.effect === 'Deny';
  for (const c of st.conditions) {
    const path = condPath(ctx, st, c);
    const op = parseOperator(c.operator);
    if (typeof op === 'string') continue;
    const base = op.info.name;

    // L1 / L2: private CIDRs in aws:SourceIp. aws:SourceIp only ever holds public addresses: calls
    // from private addresses arrive through VPC endpoints, where the key is absent.
    if (keyIs(c, 'aws:SourceIp') && (base === 'IpAddress' || base === 'NotIpAddress')) {
      const priv = privateValues(c);
      if (priv.length > 0) {
        if (base === 'IpAddress') {
          add(
            ctx,
            st,
            'L1',
            deny ? 'high' : 'medium',
            path,
            `${c.operator} aws:SourceIp ${JSON.stringify(priv)} never matches: aws:SourceIp is never a private address (private callers come through VPC endpoints, where aws:SourceIp is absent; use aws:VpcSourceIp with aws:SourceVpc)`,
          );
        } else {
          add(
            ctx,
            st,
            'L2',
            'high',
            path,
            `${c.operator} aws:SourceIp ${JSON.stringify(priv)}: the private range never holds aws:SourceIp, so the condition is true for every caller you meant to exempt (use aws:VpcSourceIp with aws:SourceVpc)`,
          );
        }
      }
    }
    // L3: aws:SourceIp in an endpoint policy.
    if (ctx.type === 'vpce' && keyIs(c, 'aws:SourceIp')) {
      add(
        ctx,
        st,
        'L3',
        'high',
        path,
        `aws:SourceIp is never present in a VPC endpoint policy (requests through an endpoint carry aws:VpcSourceIp instead): ${op.info.negated || op.ifExists ? 'the condition is always true' : 'the condition never matches'}`,
      );
    }
    // L4: aws:SourceVpc / aws:SourceVpce in an endpoint policy: a constant there.
    if (ctx.type === 'vpce' && (keyIs(c, 'aws:SourceVpc') || keyIs(c, 'aws:SourceVpce'))) {
      const { endpointVpcId, hubEndpoint } = ctx.options;
      let detail: string;
      let sev: LintSeverity = 'medium';
      if (keyIs(c, 'aws:SourceVpc') && endpointVpcId !== undefined && !c.values.includes(endpointVpcId)) {
        detail = `it is always ${JSON.stringify(endpointVpcId)} (the endpoint's own VPC), which the values ${JSON.stringify(c.values)} do not include`;
        sev = 'high';
      } else if (hubEndpoint) {
        detail =
          'the endpoint is a hub endpoint: aws:SourceVpc is always the hub VPC, a spoke VPC id never matches';
        sev = 'high';
      } else {
        detail = "it is always the endpoint's own VPC / endpoint id, so the condition is constant";
      }
      add(ctx, st, 'L4', sev, path, `${c.key} in a VPC endpoint policy: ${detail}`);
    }
    // L8: ForAllValues on a single-valued key is true when the key is absent.
    if (c.setOperator === 'ForAllValues' && isSingleValuedGlobalKey(c.key)) {
      add(
        ctx,
        st,
        'L8',
        deny ? 'medium' : 'high',
        path,
        `ForAllValues: on the single-valued key ${c.key} is true when the key is absent${deny ? '' : ', so this Allow also matches requests without the key'} (use the operator without ForAllValues:)`,
      );
    }
    // L9: Deny on NotIpAddress aws:SourceIp without IfExists / aws:ViaAWSService.
    if (deny && base === 'NotIpAddress' && keyIs(c, 'aws:SourceIp') && !c.setOperator) {
      const noIfExists = !c.ifExists;
      const noVia = !hasKey(st, 'aws:ViaAWSService');
      if (noIfExists || noVia) {
        const parts: string[] = [];
        if (noIfExists)
          parts.push(
            'every call through a VPC endpoint (aws:SourceIp is absent there; use NotIpAddressIfExists)',
          );
        if (noVia)
          parts.push(
            'every call an AWS service makes on the principal\'s behalf (add "BoolIfExists": {"aws:ViaAWSService": "false"})',
          );
        add(
          ctx,
          st,
          'L9',
          'high',
          path,
          `Deny on NotIpAddress aws:SourceIp also denies ${parts.join(', and ')}`,
        );
      }
    }
    // L9, mirrored: a Deny on a negated test of the endpoint keys (aws:SourceVpc, aws:SourceVpce,
    // aws:VpcSourceIp — as the key, or as a ${} variable in the value) matches every call that
    // leaves through a NAT or an internet gateway, where those keys are absent (DOMAIN.md §4: the
    // seed-001 pattern also denies the legitimate instance egressing through a NAT).
    if (deny && op.info.negated && !c.ifExists && !c.setOperator) {
      const endpointKeys = ['aws:SourceVpc', 'aws:SourceVpce', 'aws:VpcSourceIp'];
      const viaKey = endpointKeys.find((k) => keyIs(c, k));
      const viaVar = endpointKeys.find((k) =>
        c.values.some((v) => v.toLowerCase().includes(`\${${k.toLowerCase()}`)),
      );
      const which = viaKey ?? viaVar;
      if (which !== undefined) {
        add(
          ctx,
          st,
          'L9',
          'medium',
          path,
          `Deny on ${c.operator} ${viaKey ? which : `${c.key} = \${${which}}`} also denies every call that reaches AWS through a NAT or an internet gateway (${which} is absent there), including the legitimate caller's own — only endpoint paths pass`,
        );
      }
    }
    // L10: org id keys that are constant where the policy applies.
    if (ctx.type === 'scp' && keyIs(c, 'aws:PrincipalOrgID')) {
      add(
        ctx,
        st,
        'L10',
        'low',
        path,
        "aws:PrincipalOrgID in an SCP is always the organization's own id (SCPs only apply to principals in the organization)",
      );
    }
    if (ctx.type === 'rcp' && keyIs(c, 'aws:ResourceOrgID')) {
      add(
        ctx,
        st,
        'L10',
        'low',
        path,
        "aws:ResourceOrgID in an RCP is always the organization's own id (RCPs only apply to resources in the organization)",
      );
    }
    // L11: Null with IfExists, empty value lists, unknown keys, variables that never have a value.
    if (base === 'Null' && op.ifExists) {
      add(
        ctx,
        st,
        'L11',
        'medium',
        path,
        `${c.operator}: IfExists on Null has no effect on a missing key ("true" then always matches) — use Null`,
      );
    }
    if (c.values.length === 0) {
      add(
        ctx,
        st,
        'L11',
        'medium',
        path,
        `${c.operator} ${c.key} has no values: it never matches${op.info.negated ? ' (negated: always true)' : ''}`,
      );
    }
    if (isGlobalKey(c.key) && !isKnownGlobalKey(c.key)) {
      add(
        ctx,
        st,
        'L11',
        'info',
        path,
        `${c.key} is not a documented global condition key (as known to perimeter): check the spelling — an unknown key is never present`,
      );
    }
    const servicePrefix = c.key.includes(':') ? c.key.slice(0, c.key.indexOf(':')).toLowerCase() : undefined;
    if (
      servicePrefix &&
      servicePrefix !== 'aws' &&
      !c.key.includes('<') &&
      !isCredentialKey(c.key) &&
      st.action &&
      !st.action.some((a) => a === '*')
    ) {
      const services = new Set(st.action.map((a) => a.slice(0, a.indexOf(':')).toLowerCase()));
      // Identity-provider keys (saml:, accounts.google.com:, an OIDC provider …) come with sts: actions.
      if (!services.has(servicePrefix) && !services.has('sts')) {
        add(
          ctx,
          st,
          'L11',
          'medium',
          path,
          `${c.key} is a ${servicePrefix} key but the statement's actions are all in ${JSON.stringify([...services].sort())}: the key is never present on those requests`,
        );
      }
    }
    if (op.info.variables) {
      for (const v of c.values) {
        for (const inner of nonKeyVariables(v)) {
          add(
            ctx,
            st,
            'L11',
            'medium',
            path,
            `\${${inner}} is not a condition key (keys look like "aws:username"), so it never has a value: positive operators never match and negated ones always do`,
          );
        }
      }
    }
  }
  // Variables in Resource that are not keys.
  (st.resource ?? st.notResource ?? []).forEach((r, i) => {
    for (const inner of nonKeyVariables(r)) {
      add(
        ctx,
        st,
        'L11',
        'medium',
        `${ctx.stPath(st.index)}.${st.resource ? 'Resource' : 'NotResource'}[${i}]`,
        `\${${inner}} is not a condition key, so it never has a value: this Resource matches nothing`,
      );
    }
  });

  // L5 / L6: private IP keys without their VPC key. In an Allow the pair must be in the same
  // statement; Deny statements act independently, so a sibling Deny on the VPC key suffices.
  const pairs: [LintCode, string, string][] = [
    ['L5', 'aws:VpcSourceIp', 'aws:SourceVpc'],
    ['L6', 'aws:EC2InstanceSourcePrivateIPv4', 'aws:EC2InstanceSourceVPC'],
  ];
  for (const [code, ipKey, vpcKey] of pairs) {
    const ipConds = st.conditions.filter(
      (c) => keyIs(c, ipKey) || c.values.some((v) => v.toLowerCase().includes(`\${${ipKey.toLowerCase()}`)),
    );
    if (ipConds.length === 0) continue;
    const mentions = (s: Statement): boolean =>
      s.conditions.some(
        (c) =>
          keyIs(c, vpcKey) || c.values.some((v) => v.toLowerCase().includes(`\${${vpcKey.toLowerCase()}`)),
      );
    const covered = mentions(st) || (deny && ctx.statements.some((s) => s.effect === 'Deny' && mentions(s)));
    if (!covered) {
      add(
        ctx,
        st,
        code,
        'medium',
        condPath(ctx, st, ipConds[0]!),
        `${ipKey} is checked without ${vpcKey}: private IP addresses repeat across VPCs, so the same address in another VPC also matches`,
      );
    }
  }
  // L7: aws:SourceVpc without aws:RequestedRegion (VPC ids are only unique per region) —
  // anywhere in the policy, since the samples check the region in a sibling statement.
  const vpcCond = st.conditions.find((c) => keyIs(c, 'aws:SourceVpc'));
  if (vpcCond && ctx.type !== 'vpce' && !ctx.statements.some((s) => hasKey(s, 'aws:RequestedRegion'))) {
    add(
      ctx,
      st,
      'L7',
      'low',
      condPath(ctx, st, vpcCond),
      'aws:SourceVpc is checked without aws:RequestedRegion: VPC ids are unique per region only, so pin the region too',
    );
  }
  // L12: an Allow keyed on aws:SourceVpc(e) for services without VPC endpoints never matches.
  if (!deny && st.action && !st.action.includes('*')) {
    const vpcKeyCond = st.conditions.find(
      (c) =>
        (keyIs(c, 'aws:SourceVpc') || keyIs(c, 'aws:SourceVpce')) && !c.ifExists && !parseOperatorNegated(c),
    );
    const services = st.action.map((a) => a.slice(0, a.indexOf(':')).toLowerCase());
    if (vpcKeyCond && services.length > 0 && services.every((s) => servicesWithoutEndpoints.has(s))) {
      add(
        ctx,
        st,
        'L12',
        'medium',
        condPath(ctx, st, vpcKeyCond),
        `Allow keyed on ${vpcKeyCond.key} for ${JSON.stringify([...new Set(services)].sort())}, which has no VPC endpoint: the key is never present, so the Allow never matches`,
      );
    }
  }
}

function parseOperatorNegated(c: ConditionClause): boolean {
  const op = parseOperator(c.operator);
  return typeof op !== 'string' && op.info.negated;
}

/** Sorted, for "highest severity" decisions: true when any finding is at or above `threshold`. */
export function hasFindingAtOrAbove(findings: readonly LintFinding[], threshold: LintSeverity): boolean {
  return findings.some((f) => severityOrder[f.severity] <= severityOrder[threshold]);
}

/**
 * The `${…}` policy variables in `text` that are not condition keys (keys contain a `:`; `${*}`,
 * `${?}` and `${$}` are the escapes for the literal characters), default values (`${k, 'x'}`) cut.
 */
function nonKeyVariables(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
    const inner = (m[1] ?? '').split(',')[0]?.trim() ?? '';
    if (inner === '*' || inner === '?' || inner === '$' || inner.includes(':')) continue;
    out.push(inner);
  }
  return out;
}
