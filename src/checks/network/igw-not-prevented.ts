// Accounts that must have no internet ingress but whose SCP chain would still let an
// administrator create or attach an internet gateway (seed 002: prevent, don't just detect).
import { igwPrevention, knownAccountIds } from '../shared/igw-prevention.js';
import { isZoneMembership, noInternetZone } from '../shared/zones.js';
import { defineCheck } from '../define-check.js';
import type { FindingDraft } from '../types.js';

export const igwNotPrevented = defineCheck({
  id: 'igw-not-prevented',
  title: 'Internet gateway creation is not prevented by SCP in a no-internet zone',
  severity: 'high',
  area: 'network',
  rationale:
    'Every internet exposure needs an internet gateway. For accounts that must have no internet ingress, an SCP denying ec2:CreateInternetGateway and ec2:AttachInternetGateway prevents the whole class of exposure; detection after the fact always leaves a window.',
  remediation:
    'Attach an SCP to the OU (or account) that denies ec2:CreateInternetGateway, ec2:AttachInternetGateway and ec2:CreateEgressOnlyInternetGateway with an exception for the network team role (`perimeter generate` writes and proves it).',
  references: [
    'https://aws.amazon.com/blogs/networking-and-content-delivery/vpc-sharing-a-new-approach-to-multiple-accounts-and-vpc-management/',
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_vpc.html',
  ],
  run({ estate, intent }) {
    if (intent.noInternetIngress.length === 0) {
      return { notApplicable: 'perimeter.yaml lists no noInternetIngress OUs or accounts' };
    }
    const out: FindingDraft[] = [];
    for (const accountId of knownAccountIds(estate)) {
      const zone = noInternetZone(accountId, estate, intent);
      if (zone === undefined) continue;
      const p = igwPrevention(estate, accountId);
      if (p.status === 'prevented') continue;
      const resource = {
        id: accountId,
        type: 'account',
        accountId,
        region: 'global',
        arn: `arn:aws:iam::${accountId}:root`,
      };
      const zoneText = isZoneMembership(zone)
        ? zone.reason
        : 'zone membership unknown (no organization data)';
      if (p.status === 'unknown' || !isZoneMembership(zone)) {
        out.push({
          severity: 'info',
          resource,
          message: `cannot tell whether SCPs prevent internet gateways in ${accountId}: ${[zoneText, ...p.notes].join('; ')}`,
          evidence: { status: 'unknown', notes: p.notes, actions: p.actions },
        });
        continue;
      }
      const allowed = p.actions.filter((a) => a.decision === 'Allowed').map((a) => a.action);
      out.push({
        resource,
        message: `${zoneText}, but its SCPs allow an administrator to call ${allowed.join(' and ')}${p.notes.length > 0 ? ` (${p.notes.join('; ')})` : ''}`,
        evidence: { zone: zone.via, status: p.status, actions: p.actions, notes: p.notes },
      });
    }
    return out;
  },
});
