// Counts by account, region and resource type, and what could not be loaded or is not modelled.
import type { Estate, Located } from './model.js';

export interface InventoryRow {
  readonly accountId: string;
  readonly region: string;
  readonly counts: Readonly<Record<string, number>>;
}

export interface Inventory {
  readonly rows: readonly InventoryRow[];
  readonly totals: Readonly<Record<string, number>>;
  readonly accounts: readonly {
    readonly id: string;
    readonly name?: string;
    readonly inOrganization: boolean;
  }[];
  readonly notModelled: Readonly<Record<string, number>>;
  readonly problems: Estate['problems'];
  readonly collectionFailures: NonNullable<Estate['collection']>['failures'];
}

type Collections = Pick<
  Estate,
  | 'vpcs'
  | 'subnets'
  | 'routeTables'
  | 'internetGateways'
  | 'egressOnlyInternetGateways'
  | 'natGateways'
  | 'networkAcls'
  | 'securityGroups'
  | 'networkInterfaces'
  | 'instances'
  | 'elasticIps'
  | 'peeringConnections'
  | 'vpcEndpoints'
  | 'prefixLists'
  | 'transitGateways'
  | 'transitGatewayAttachments'
  | 'transitGatewayRouteTables'
  | 'loadBalancers'
  | 'listeners'
  | 'targetGroups'
  | 'dbInstances'
>;

/** Resource types counted per account/region, with their display names (sorted by name). */
export const inventoryTypes: readonly (readonly [keyof Collections, string])[] = [
  ['dbInstances', 'db-instances'],
  ['egressOnlyInternetGateways', 'egress-only-internet-gateways'],
  ['elasticIps', 'elastic-ips'],
  ['instances', 'instances'],
  ['internetGateways', 'internet-gateways'],
  ['listeners', 'listeners'],
  ['loadBalancers', 'load-balancers'],
  ['natGateways', 'nat-gateways'],
  ['networkAcls', 'network-acls'],
  ['networkInterfaces', 'network-interfaces'],
  ['peeringConnections', 'peering-connections'],
  ['prefixLists', 'prefix-lists'],
  ['routeTables', 'route-tables'],
  ['securityGroups', 'security-groups'],
  ['subnets', 'subnets'],
  ['targetGroups', 'target-groups'],
  ['transitGatewayAttachments', 'transit-gateway-attachments'],
  ['transitGatewayRouteTables', 'transit-gateway-route-tables'],
  ['transitGateways', 'transit-gateways'],
  ['vpcEndpoints', 'vpc-endpoints'],
  ['vpcs', 'vpcs'],
];

export function buildInventory(estate: Estate): Inventory {
  const rows = new Map<string, { accountId: string; region: string; counts: Record<string, number> }>();
  const totals: Record<string, number> = {};
  for (const [key, name] of inventoryTypes) {
    const coll = estate[key] as ReadonlyMap<string, Located>;
    for (const item of coll.values()) {
      const k = `${item.accountId}\u0000${item.region}`;
      let row = rows.get(k);
      if (!row) {
        row = { accountId: item.accountId, region: item.region, counts: {} };
        rows.set(k, row);
      }
      row.counts[name] = (row.counts[name] ?? 0) + 1;
      totals[name] = (totals[name] ?? 0) + 1;
    }
  }
  const iam: [string, number][] = [
    ['iam-users', estate.iamUsers.size],
    ['iam-groups', estate.iamGroups.size],
    ['iam-roles', estate.iamRoles.size],
    ['iam-managed-policies', estate.iamPolicies.size],
    ['instance-profiles', estate.instanceProfiles.size],
    ['hosted-zones', estate.hostedZones.size],
  ];
  for (const [name, n] of iam) if (n > 0) totals[name] = n;
  const orgAccounts = estate.organization?.accounts;
  return {
    rows: [...rows.values()].sort(
      (a, b) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region),
    ),
    totals: Object.fromEntries(Object.entries(totals).sort(([a], [b]) => a.localeCompare(b))),
    accounts: [...estate.accounts.values()]
      .map((a) => ({
        id: a.id,
        ...(a.name ? { name: a.name } : {}),
        inOrganization: orgAccounts?.has(a.id) ?? false,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    notModelled: Object.fromEntries([...estate.notModelled.entries()].sort(([a], [b]) => a.localeCompare(b))),
    problems: estate.problems,
    collectionFailures: estate.collection?.failures ?? [],
  };
}
