// Instance-profile roles whose credentials still work when stolen and used from the internet
// (seed 003: Jessica vs Matt; seed 001: aws:EC2InstanceSourceVPC / ec2:SourceInstanceARN deny).
// For each role with a running instance, simulate probes built from the role's own Allow statements
// on the "stolen credentials used from the internet" path; any Allowed probe is a finding.
import { instancesOfRole } from '../../iam/network-paths.js';
import { simulate } from '../../iam/simulate.js';
import type { Estate, IamRole } from '../../estate/model.js';
import { defineCheck } from '../define-check.js';
import { egressLookupFor } from '../shared/egress-lookup.js';
import type { FindingDraft } from '../types.js';

/** The first three entries and how many more (evidence keeps the full list). */
function listSome(xs: readonly string[]): string {
  return xs.length <= 3 ? xs.join('; ') : `${xs.slice(0, 3).join('; ')}; and ${xs.length - 3} more`;
}

const probeText = (pattern: string, fill: string) => pattern.replace(/\*/g, fill).replace(/\?/g, 'X');

/** (action, resource) probes covering each Allow statement of the role's identity policies. */
/** A concrete request standing for one Allow pattern of the role (`s3:Get*` → `s3:GetPerimeterProbe`). */
interface Probe {
  readonly action: string;
  readonly resource: string;
  /** The pattern as written in the policy, for messages. */
  readonly pattern: string;
  readonly resourcePattern: string;
}

function probes(estate: Estate, role: IamRole): Probe[] {
  const out = new Map<string, Probe>();
  const docs = [
    ...role.inlinePolicies.map((p) => p.document),
    ...role.attachedPolicies
      .map((a) => estate.iamPolicies.get(a.arn)?.document)
      .filter((d) => d !== undefined),
  ];
  for (const d of docs) {
    let doc: unknown = d;
    if (typeof d === 'string') {
      try {
        doc = JSON.parse(d) as unknown;
      } catch {
        continue; // invalid documents are policy-invalid's business
      }
    }
    const sts = (doc as { Statement?: unknown } | null)?.Statement;
    for (const s of Array.isArray(sts) ? sts : [sts]) {
      const st = s as { Effect?: unknown; Action?: unknown; Resource?: unknown };
      if (st?.Effect !== 'Allow' || st.Action === undefined) continue;
      const actions = (Array.isArray(st.Action) ? st.Action : [st.Action]).filter(
        (a): a is string => typeof a === 'string',
      );
      const resources = (Array.isArray(st.Resource) ? st.Resource : [st.Resource ?? '*']).filter(
        (r): r is string => typeof r === 'string',
      );
      const r0 = resources[0] ?? '*';
      const resource =
        r0 === '*' ? '*' : probeText(r0.replace(/\$\{[^}]*\}/g, 'perimeter-probe'), 'perimeter-probe');
      for (const a of actions) {
        const action = a === '*' ? 's3:GetObject' : probeText(a, 'PerimeterProbe');
        out.set(`${action}|${resource}`, { action, resource, pattern: a, resourcePattern: r0 });
      }
    }
  }
  return [...out.values()].sort((a, b) => (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
}

export const ec2CredentialsUnbound = defineCheck({
  id: 'ec2-credentials-unbound',
  title: 'EC2 instance-role credentials usable from the internet when stolen',
  severity: 'high',
  area: 'iam',
  rationale:
    "Instance-role credentials leak through SSRF and IMDSv1 (seed 003: stolen keys worked from the attacker's own machine). A Deny keyed on aws:EC2InstanceSourceVPC / aws:EC2InstanceSourcePrivateIPv4 against aws:SourceVpc / aws:VpcSourceIp (seed 001) or on aws:SourceIp makes stolen credentials useless outside the instance's network.",
  remediation:
    'Attach the seed-001 Deny (StringNotEquals aws:EC2InstanceSourceVPC = ${aws:SourceVpc} and aws:EC2InstanceSourcePrivateIPv4 = ${aws:VpcSourceIp}, Null ec2:SourceInstanceARN = false, BoolIfExists aws:ViaAWSService = false) as an inline policy or SCP once the instances reach AWS through VPC endpoints; enforce IMDSv2.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-ec2instancesourcevpc',
  ],
  run({ estate, memo }) {
    const egressOf = memo('iam:egress-lookup', () => egressLookupFor(estate));
    const out: FindingDraft[] = [];
    for (const role of [...estate.iamRoles.values()].sort((a, b) => (a.arn < b.arn ? -1 : 1))) {
      const instances = instancesOfRole(estate, role);
      if (instances.length === 0) continue;
      const allowed: string[] = [];
      const unknown: string[] = [];
      for (const p of probes(estate, role)) {
        const r = simulate(estate, {
          principal: role.arn,
          action: p.action,
          resource: p.resource,
          egressOf,
          onlyKinds: ['stolen-internet'],
        });
        const row = r.rows.find((x) => x.kind === 'stolen-internet');
        if (row?.decision === 'Allowed') allowed.push(`${p.pattern} on ${p.resourcePattern}`);
        else if (row?.decision === 'Unknown')
          unknown.push(`${p.pattern} on ${p.resourcePattern} (depends on ${row.unknownKeys.join(', ')})`);
      }
      const resource = {
        id: role.arn,
        type: 'iam-role',
        accountId: role.accountId,
        region: 'global',
        arn: role.arn,
      };
      if (allowed.length > 0) {
        out.push({
          resource,
          message: `stolen credentials of ${role.name} (used by ${instances.map((i) => i.id).join(', ')}) work from the internet: ${listSome(allowed)}`,
          evidence: {
            instances: instances.map((i) => i.id),
            allowedFromInternet: allowed,
            path: 'stolen/internet',
          },
          discriminator: role.arn,
        });
      } else if (unknown.length > 0) {
        out.push({
          severity: 'info',
          resource,
          message: `whether stolen credentials of ${role.name} work from the internet is unknown: ${listSome(unknown)}`,
          evidence: { instances: instances.map((i) => i.id), unknown, path: 'stolen/internet' },
          discriminator: role.arn,
        });
      }
    }
    return out;
  },
});
