// What `perimeter collect` could not read (collection.json failures). A check that finds nothing
// in data that was never collected proves nothing: each gap is reported, naming the account,
// region and operations, and what is therefore unknown.
import type { CollectionFailure } from '../../estate/model.js';
import { defineCheck } from '../define-check.js';
import type { FindingDraft } from '../types.js';

/** What each collector operation reads (so a failure says what is unknown). */
const UNKNOWN_BY_OPERATION: Readonly<Record<string, string>> = {
  AssumeRole: 'every resource in the account',
  DescribeRegions: 'which regions are enabled (regions may be missing)',
  DescribeVpcs: 'VPCs',
  DescribeSubnets: 'subnets',
  DescribeRouteTables: 'route tables',
  DescribeInternetGateways: 'internet gateways',
  DescribeEgressOnlyInternetGateways: 'egress-only internet gateways',
  DescribeNatGateways: 'NAT gateways',
  DescribeNetworkAcls: 'network ACLs',
  DescribeSecurityGroups: 'security groups',
  DescribeNetworkInterfaces: 'network interfaces',
  DescribeInstances: 'EC2 instances',
  DescribeAddresses: 'Elastic IPs',
  DescribeVpcPeeringConnections: 'VPC peering connections',
  DescribeVpcEndpoints: 'VPC endpoints and their policies',
  DescribePrefixLists: 'AWS-managed prefix lists',
  DescribeManagedPrefixLists: 'managed prefix lists',
  GetManagedPrefixListEntries: 'managed prefix list entries',
  DescribeTransitGateways: 'transit gateways',
  DescribeTransitGatewayAttachments: 'transit gateway attachments',
  DescribeTransitGatewayVpcAttachments: 'transit gateway VPC attachments',
  DescribeTransitGatewayRouteTables: 'transit gateway route tables',
  SearchTransitGatewayRoutes: 'transit gateway static routes',
  GetTransitGatewayRouteTablePropagations: 'transit gateway route propagations',
  DescribeLoadBalancers: 'load balancers',
  DescribeListeners: 'load balancer listeners',
  DescribeTargetGroups: 'target groups',
  DescribeTargetHealth: 'load balancer target health',
  DescribeDBInstances: 'RDS DB instances',
  ListHostedZones: 'Route 53 hosted zones',
  GetHostedZone: 'private hosted zone VPC associations',
  GetAccountAuthorizationDetails: 'IAM users, groups, roles and policies',
};

function unknownOf(f: CollectionFailure): string {
  if (f.kind === 'assume-role-failed') return 'every resource in the account';
  if (f.kind === 'opt-in-region') return 'every resource in the region';
  if (f.service === 'organizations') return 'the organization structure and its SCP/RCP attachments';
  return (f.operation && UNKNOWN_BY_OPERATION[f.operation]) ?? `what ${f.service ?? '?'}:${f.operation ?? '?'} returns`;
}

const WHY: Readonly<Record<string, string>> = {
  'access-denied': 'access denied',
  'opt-in-region': 'the region is not enabled in the account',
  throttled: 'throttled until retries ran out',
  'assume-role-failed': 'the collector role could not be assumed',
  timeout: 'requests timed out',
  other: 'the call failed',
};

const REMEDIATION: Readonly<Record<string, string>> = {
  'access-denied':
    'Grant the collector role the read-only actions of `perimeter collect --print-policy` (an SCP may also deny them), then collect again.',
  'opt-in-region':
    'Nothing runs in a region that is not enabled; enable it (Account settings) if it should be covered, or leave it out of --regions.',
  throttled: 'Collect again with a lower --concurrency (retries back off, but the account was busy).',
  'assume-role-failed':
    'Deploy the member role (docs/collect.md: trust + permission policy from `perimeter collect --print-policy`), check its name (--role-name) and external id (--external-id), then collect again.',
  timeout: 'Collect again; if it persists, check network access to the AWS endpoints.',
  other: 'Read the error in the evidence, fix it, and collect again.',
};

const uniq = (xs: readonly (string | undefined)[]) =>
  [...new Set(xs.filter((x): x is string => x !== undefined))].sort();

export const collectionGap = defineCheck({
  id: 'collection-gap',
  title: 'Part of the estate could not be collected',
  severity: 'medium',
  area: 'coverage',
  rationale:
    'Checks can only judge what was collected. When an account, region or API call failed during `perimeter collect`, the resources it would have returned are unknown: the absence of findings there means "not looked at", not "no problems".',
  remediation: 'Fix the cause named in the finding and collect again.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html'],
  run({ estate }) {
    const m = estate.collection;
    if (!m) {
      return {
        notApplicable:
          'the snapshot has no collection.json (not written by `perimeter collect`): which parts were collected is unknown',
      };
    }
    const groups = new Map<string, CollectionFailure[]>();
    for (const f of m.failures) {
      const key = `${f.accountId}|${f.region ?? ''}|${f.kind}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const out: FindingDraft[] = [];
    for (const key of [...groups.keys()].sort()) {
      const list = groups.get(key)!;
      const f = list[0]!;
      const region = f.region ?? 'all regions';
      const operations = uniq(list.map((x) => (x.operation ? `${x.service ?? '?'}:${x.operation}` : x.service)));
      const unknown = uniq(list.map(unknownOf));
      const codes = uniq(list.map((x) => x.errorCode));
      out.push({
        resource: {
          id: `collection:${f.accountId}/${region}`,
          type: 'collection',
          accountId: f.accountId,
          region: f.region ?? 'global',
        },
        message: `account ${f.accountId}, ${region}: ${WHY[f.kind] ?? f.kind}${codes.length > 0 ? ` (${codes.join(', ')})` : ''} for ${operations.join(', ')} — unknown: ${unknown.join('; ')}; no finding there means "not collected", not "no problem"`,
        evidence: {
          kind: f.kind,
          accountId: f.accountId,
          region,
          operations,
          errorCodes: codes,
          unknown,
          messages: uniq(list.map((x) => x.message)).slice(0, 5),
          collectedAt: m.collectedAt,
        },
        remediation: REMEDIATION[f.kind] ?? REMEDIATION.other,
        discriminator: key,
      });
    }
    return out;
  },
});
