// AWS Organizations data from organization/*.json (DESIGN.md "Snapshot layout").
import type { ProblemSink } from '../errors.js';
import type { OrgPolicy, OrgUnit, Organization } from '../model.js';
import type { RawBuckets } from '../raw.js';
import { compareStrings, opt, sortedMap, sortedUnique, uniqueById } from './common.js';

export function buildOrganization(b: RawBuckets, sink: ProblemSink): Organization | undefined {
  if (
    b.organizations.length +
      b.orgRoots.length +
      b.orgUnits.length +
      b.orgAccounts.length +
      b.orgPolicies.length ===
    0
  ) {
    return undefined;
  }
  const o = b.organizations[0]?.rec;
  const roots: OrgUnit[] = uniqueById(b.orgRoots, (r) => r.Id).map((r) => ({
    id: r.rec.Id,
    name: r.rec.Name ?? r.rec.Id,
    kind: 'root',
  }));
  const units = sortedMap<OrgUnit>([
    ...roots.map((r): [string, OrgUnit] => [r.id, r]),
    ...uniqueById(b.orgUnits, (u) => u.Id).map((u): [string, OrgUnit] => [
      u.rec.Id,
      { id: u.rec.Id, name: u.rec.Name ?? u.rec.Id, parentId: opt(u.rec.ParentId), kind: 'ou' },
    ]),
  ]);
  const accounts = sortedMap(
    uniqueById(b.orgAccounts, (a) => a.Id).map((a) => [
      a.rec.Id,
      {
        id: a.rec.Id,
        name: opt(a.rec.Name),
        status: opt(a.rec.Status) ?? opt(a.rec.State),
        parentId: opt(a.rec.ParentId),
      },
    ]),
  );
  const policies: [string, OrgPolicy][] = [];
  for (const r of uniqueById(b.orgPolicies, (p) => p.PolicySummary.Id)) {
    const p = r.rec;
    const s = p.PolicySummary;
    let document: unknown;
    try {
      document = JSON.parse(p.Content);
    } catch (e) {
      sink.error(
        r.file,
        `${r.path}.Content`,
        `policy ${s.Id}${s.Name ? ` (${s.Name})` : ''}: expected Content to be a JSON policy document, found text that does not parse (${(e as Error).message})`,
      );
      continue;
    }
    policies.push([
      s.Id,
      {
        id: s.Id,
        name: s.Name ?? s.Id,
        type: s.Type ?? 'unknown',
        awsManaged: s.AwsManaged ?? false,
        document,
        content: p.Content,
        targetIds: sortedUnique((p.Targets ?? []).map((t) => t.TargetId)),
      },
    ]);
  }
  return {
    id: opt(o?.Id),
    arn: opt(o?.Arn),
    managementAccountId: opt(o?.ManagementAccountId) ?? opt(o?.MasterAccountId),
    roots: roots.sort((x, y) => compareStrings(x.id, y.id)),
    units,
    accounts,
    policies: sortedMap(policies),
  };
}

/** Ancestors of each account from the root down (root id, OU ids …), excluding the account. */
export function orgPaths(
  org: Organization | undefined,
  sink: ProblemSink,
): ReadonlyMap<string, readonly string[]> {
  const out: [string, string[]][] = [];
  if (!org) return new Map();
  for (const a of org.accounts.values()) {
    const chain: string[] = [];
    const seen = new Set<string>();
    let cur = a.parentId;
    while (cur !== undefined && !seen.has(cur)) {
      seen.add(cur);
      chain.push(cur);
      cur = org.units.get(cur)?.parentId;
    }
    if (cur !== undefined)
      sink.warn('organization', '$', `organizational units form a cycle above account ${a.id}`);
    out.push([a.id, chain.reverse()]);
  }
  return sortedMap(out);
}
