// Organizations: DescribeOrganization, ListRoots, the OU tree (ListOrganizationalUnitsForParent
// recursively, ListAccountsForParent for each account's parent), ListAccounts, and the SCPs and
// RCPs (ListPolicies, DescribePolicy for the content, ListTargetsForPolicy) → one document in the
// organization/ shape of DESIGN.md "Snapshot layout".
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListRoots,
  paginateListTargetsForPolicy,
  type OrganizationsClient,
  type PolicyType,
} from '@aws-sdk/client-organizations';
import { allPages, callOnce, OperationError, type CallCounter, type Rec } from '../collector.js';
import type { CommandClass } from '../services.js';

/** Every Organizations command the walk sends (for --print-policy). */
export const organizationCommands: readonly CommandClass[] = [
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
];

export const ORG_POLICY_TYPES: readonly PolicyType[] = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];

export interface OrganizationWalk {
  /** The organization/organization.json document. */
  readonly document: Rec;
  /** Every account in the organization (any status), sorted by id. */
  readonly accounts: readonly { readonly id: string; readonly status?: string; readonly name?: string }[];
  /** Parts that could not be read (the rest of the walk went on). */
  readonly failures: readonly OperationError[];
}

const byId = (a: Rec, b: Rec) => String(a.Id).localeCompare(String(b.Id));

/**
 * Walks the organization from the management account or a delegated administrator.
 * DescribeOrganization, ListRoots and ListAccounts failing make the walk fail (thrown
 * OperationError); a failing policy type or OU subtree is recorded in `failures`.
 */
export async function walkOrganization(
  client: OrganizationsClient,
  run: CallCounter,
): Promise<OrganizationWalk> {
  const failures: OperationError[] = [];
  const org = await callOnce(run, DescribeOrganizationCommand, () =>
    client.send(new DescribeOrganizationCommand({})),
  );
  const roots = (await allPages(run, ListRootsCommand, paginateListRoots({ client }, {}))).flatMap(
    (p) => (p.Roots ?? []) as Rec[],
  );

  const units: Rec[] = [];
  const parentOf = new Map<string, string>();
  const queue = roots.map((r) => String(r.Id));
  while (queue.length > 0) {
    const parentId = queue.shift()!;
    try {
      const ous = (
        await allPages(
          run,
          ListOrganizationalUnitsForParentCommand,
          paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId }),
        )
      ).flatMap((p) => p.OrganizationalUnits ?? []);
      for (const ou of ous) {
        if (!ou.Id) continue;
        units.push({ ...ou, ParentId: parentId });
        queue.push(ou.Id);
      }
      const accounts = (
        await allPages(
          run,
          ListAccountsForParentCommand,
          paginateListAccountsForParent({ client }, { ParentId: parentId }),
        )
      ).flatMap((p) => p.Accounts ?? []);
      for (const a of accounts) if (a.Id) parentOf.set(a.Id, parentId);
    } catch (e) {
      if (e instanceof OperationError) failures.push(e);
      else throw e;
    }
  }

  const accounts = (await allPages(run, ListAccountsCommand, paginateListAccounts({ client }, {})))
    .flatMap((p) => p.Accounts ?? [])
    .map((a) => ({ ...a, ...(a.Id && parentOf.has(a.Id) ? { ParentId: parentOf.get(a.Id) } : {}) }) as Rec);

  const policies: Rec[] = [];
  for (const type of ORG_POLICY_TYPES) {
    try {
      const summaries = (
        await allPages(run, ListPoliciesCommand, paginateListPolicies({ client }, { Filter: type }))
      ).flatMap((p) => p.Policies ?? []);
      for (const s of summaries) {
        if (!s.Id) continue;
        const id = s.Id;
        const described = await callOnce(run, DescribePolicyCommand, () =>
          client.send(new DescribePolicyCommand({ PolicyId: id })),
        );
        const targets = (
          await allPages(
            run,
            ListTargetsForPolicyCommand,
            paginateListTargetsForPolicy({ client }, { PolicyId: id }),
          )
        ).flatMap((p) => p.Targets ?? []);
        policies.push({
          PolicySummary: described.Policy?.PolicySummary ?? s,
          Content: described.Policy?.Content ?? '',
          Targets: [...targets].sort((a, b) => String(a.TargetId).localeCompare(String(b.TargetId))),
        });
      }
    } catch (e) {
      if (e instanceof OperationError) failures.push(e);
      else throw e;
    }
  }

  return {
    document: {
      Organization: org.Organization ?? {},
      Roots: [...roots].sort(byId),
      OrganizationalUnits: units.sort(byId),
      Accounts: [...accounts].sort(byId),
      Policies: policies.sort((a, b) =>
        String((a.PolicySummary as Rec).Id).localeCompare(String((b.PolicySummary as Rec).Id)),
      ),
    },
    accounts: accounts
      .map((a) => ({
        id: String(a.Id),
        ...(typeof (a.State ?? a.Status) === 'string' ? { status: String(a.State ?? a.Status) } : {}),
        ...(typeof a.Name === 'string' ? { name: a.Name } : {}),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    failures,
  };
}
