// buildEstate: raw AWS responses (one per document) → the normalized, indexed, immutable Estate.
// Pure: no file system. The result does not depend on the order of `docs`.
import { ProblemSink, SnapshotError } from './errors.js';
import { hasModelledKey, ingestDocument } from './ingest.js';
import { buildIndex, type Collections, type IngestOrder } from './indexes.js';
import { renderValue } from './json-path.js';
import { DEFAULT_ACCOUNT, isGlobalDocument, scanEvidence, Tally, UNKNOWN_REGION } from './locate.js';
import type { Account, CollectionManifest, Estate, LoadProblem, NetworkInterface } from './model.js';
import { emptyBuckets, type Origin, type RawBuckets } from './raw.js';
import { sortedMap } from './normalize/common.js';
import { buildHostedZones } from './normalize/hosted-zones.js';
import {
  buildIamGroups,
  buildIamPolicies,
  buildIamRoles,
  buildIamUsers,
  buildInstanceProfiles,
} from './normalize/iam.js';
import { buildElasticIps, withElasticIps } from './normalize/interfaces.js';
import {
  buildDbInstances,
  buildListeners,
  buildLoadBalancers,
  buildTargetGroups,
  buildTargetHealth,
} from './normalize/load-balancers.js';
import { buildOrganization } from './normalize/organization.js';
import { withRuleIds } from './normalize/security-groups.js';
import { buildPeerings, buildPrefixLists, buildVpcEndpoints } from './normalize/peering-endpoints.js';
import {
  buildTgwAttachments,
  buildTgwRouteTables,
  buildTransitGateways,
} from './normalize/transit-gateways.js';
import { buildEgressOnlyGateways, buildInternetGateways, buildNatGateways, byId } from './normalize/vpcs.js';

/** One raw AWS response: `data` is e.g. `{"Vpcs": [...]}`. */
export interface RawDocument {
  /** Where it came from (relative to the snapshot root), used in every problem message. */
  readonly file: string;
  /** From the path (`accounts/<id>/…`); else inferred from the data. */
  readonly accountId?: string;
  /** From the path (`…/<region>/…`, `global`); else inferred from availability zones and ARNs. */
  readonly region?: string;
  readonly data: unknown;
}

export interface BuildOptions {
  readonly source?: string;
  /** Problems found before building (e.g. by the loader), reported together with ours. */
  readonly problems?: readonly LoadProblem[];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deterministic document order within a group: by file; identical names by content. */
export function sortDocs(docs: readonly RawDocument[]): RawDocument[] {
  return [...docs].sort(
    (a, b) => cmp(a.file, b.file) || cmp(JSON.stringify(a.data) ?? '', JSON.stringify(b.data) ?? ''),
  );
}

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

/**
 * Documents are located and ingested by group: same directory, same account and region from the
 * path. Groups are ingested in key order, so the result does not depend on the order of `docs`.
 */
export function groupKey(d: { file: string; accountId?: string; region?: string }): string {
  return `${dirOf(d.file)}|${d.accountId ?? ''}|${d.region ?? ''}`;
}

/**
 * Incremental build: add groups of documents (each group is located, validated and ingested at
 * once, so its raw JSON can be dropped), then finish. `buildEstate` and `loadSnapshot` use it.
 */
export class EstateBuilder {
  private readonly sink = new ProblemSink();
  private readonly buckets = emptyBuckets();
  private readonly notModelled = new Map<string, number>();
  private readonly seenEniIds = new Set<string>();
  /** `${account}|${region}` of every document read (an empty response is still data). */
  private readonly census = new Set<string>();

  constructor(private readonly options: BuildOptions = {}) {
    for (const p of options.problems ?? []) this.sink.add(p);
  }

  addProblem(p: LoadProblem): void {
    this.sink.add(p);
  }

  /** Add the documents of one group (same groupKey). Evidence for account/region is pooled. */
  addGroup(group: readonly RawDocument[]): void {
    const docs = sortDocs(group);
    const accounts = new Tally();
    const regions = new Tally();
    for (const d of docs)
      if (d.accountId === undefined || d.region === undefined) scanEvidence(d.data, accounts, regions);
    for (const d of docs) {
      if (d.data === null || typeof d.data !== 'object' || Array.isArray(d.data)) {
        this.sink.error(
          d.file,
          '$',
          `expected a JSON object with AWS response keys like {"Vpcs": [...]}, found ${renderValue(d.data)}`,
        );
        continue;
      }
      const accountId = d.accountId ?? accounts.best() ?? DEFAULT_ACCOUNT;
      const region = d.region ?? (isGlobalDocument(d.data) ? 'global' : (regions.best() ?? UNKNOWN_REGION));
      // Accounts and regions with data: named by the path, or holding a key we model (even empty).
      if (d.accountId !== undefined || hasModelledKey(d.data as Record<string, unknown>)) {
        this.census.add(`${accountId}|${region}`);
      }
      ingestDocument({
        file: d.file,
        accountId,
        region,
        data: d.data as Record<string, unknown>,
        sink: this.sink,
        buckets: this.buckets,
        notModelled: this.notModelled,
        seenEniIds: this.seenEniIds,
      });
    }
  }

  finish(): BuildResult {
    return finish(this.buckets, this.notModelled, this.sink, this.options, this.census);
  }
}

/** Add ENIs that only DescribeInstances showed (e.g. a snapshot without NetworkInterfaces.json). */
function withInstanceEnis(
  enis: ReadonlyMap<string, NetworkInterface>,
  b: RawBuckets,
): ReadonlyMap<string, NetworkInterface> {
  const missing = b.instanceEnis.filter((r) => !enis.has(r.rec.id));
  if (missing.length === 0) return enis;
  return byId([
    ...[...enis.values()].map((rec) => ({
      rec,
      file: '',
      path: '',
      accountId: rec.accountId,
      region: rec.region,
    })),
    ...missing,
  ]);
}

function countRecords(b: RawBuckets): number {
  let n = 0;
  for (const list of Object.values(b) as unknown[][]) n += list.length;
  return n;
}

export interface BuildResult {
  readonly estate: Estate;
  /** How many resource records were recognised (0 → the snapshot has no AWS data we read). */
  readonly records: number;
}

/** buildEstate plus the number of recognised records (for the loader's "no AWS data" error). */
export function buildEstateWithStats(docs: readonly RawDocument[], options: BuildOptions = {}): BuildResult {
  const groups = new Map<string, RawDocument[]>();
  for (const d of docs) {
    const k = groupKey(d);
    const g = groups.get(k);
    if (g) g.push(d);
    else groups.set(k, [d]);
  }
  const builder = new EstateBuilder(options);
  for (const k of [...groups.keys()].sort()) builder.addGroup(groups.get(k)!);
  return builder.finish();
}

function finish(
  buckets: RawBuckets,
  notModelled: Map<string, number>,
  sink: ProblemSink,
  options: BuildOptions,
  census: ReadonlySet<string>,
): BuildResult {
  const elasticIps = buildElasticIps(buckets);
  const iamRoles = buildIamRoles(buckets, sink);
  const organization = buildOrganization(buckets, sink);
  const enisById = byId(buckets.networkInterfaces);
  const networkInterfaces = withElasticIps(withInstanceEnis(enisById, buckets), elasticIps);
  const instances = byId(buckets.instances);
  // Ingest order for the index walks, when each collection is exactly its records (same objects).
  const order: IngestOrder = {
    networkInterfaces:
      networkInterfaces === enisById && enisById.size === buckets.networkInterfaces.length
        ? buckets.networkInterfaces.map((r) => r.rec)
        : undefined,
    instances: instances.size === buckets.instances.length ? buckets.instances.map((r) => r.rec) : undefined,
  };
  const c: Collections = {
    vpcs: byId(buckets.vpcs),
    subnets: byId(buckets.subnets),
    routeTables: byId(buckets.routeTables),
    internetGateways: buildInternetGateways(buckets),
    egressOnlyInternetGateways: buildEgressOnlyGateways(buckets),
    natGateways: buildNatGateways(buckets),
    networkAcls: byId(buckets.networkAcls),
    securityGroups: withRuleIds(byId(buckets.securityGroups), buckets.securityGroupRules, sink),
    networkInterfaces,
    instances,
    elasticIps,
    peeringConnections: buildPeerings(buckets, sink),
    vpcEndpoints: buildVpcEndpoints(buckets),
    prefixLists: buildPrefixLists(buckets, sink),
    transitGateways: buildTransitGateways(buckets),
    transitGatewayAttachments: buildTgwAttachments(buckets),
    transitGatewayRouteTables: buildTgwRouteTables(buckets, sink),
    loadBalancers: buildLoadBalancers(buckets),
    listeners: buildListeners(buckets),
    targetGroups: buildTargetGroups(buckets),
    targetHealth: buildTargetHealth(buckets),
    dbInstances: buildDbInstances(buckets, sink),
    iamUsers: buildIamUsers(buckets, sink),
    iamGroups: buildIamGroups(buckets, sink),
    iamRoles,
    iamPolicies: buildIamPolicies(buckets, sink),
    instanceProfiles: buildInstanceProfiles(buckets),
    organization,
    hostedZones: buildHostedZones(buckets),
  };
  const origins = new Map<string, Origin>();
  for (const r of buckets.vpcs) if (!origins.has(r.rec.id)) origins.set(r.rec.id, r);
  for (const r of buckets.routeTables) if (!origins.has(r.rec.id)) origins.set(r.rec.id, r);
  const index = buildIndex(c, origins, sink, order);

  if (sink.hasErrors) throw new SnapshotError(sink.all);

  const { targetHealth: _targetHealth, ...collections } = c;
  const estate: Estate = {
    source: options.source,
    accounts: buildAccounts(buckets, c, census),
    ...collections,
    collection: mergeCollections(buckets),
    notModelled: sortedMap(notModelled),
    problems: Object.freeze(sink.warnings()),
    index: Object.freeze(index),
  };
  return { estate: Object.freeze(estate), records: countRecords(buckets) };
}

/** Build the Estate from raw AWS responses. Throws SnapshotError listing every error found. */
export function buildEstate(docs: readonly RawDocument[], options: BuildOptions = {}): Estate {
  return buildEstateWithStats(docs, options).estate;
}

function buildAccounts(
  b: RawBuckets,
  c: Collections,
  census: ReadonlySet<string>,
): ReadonlyMap<string, Account> {
  const regions = new Map<string, Set<string>>();
  const see = (accountId: string, region?: string) => {
    let set = regions.get(accountId);
    if (!set) {
      set = new Set();
      regions.set(accountId, set);
    }
    if (region !== undefined && region !== 'global') set.add(region);
  };
  for (const list of Object.values(b) as Origin[][]) {
    let lastAccount = '';
    let lastRegion = '';
    for (const r of list) {
      // Records come file by file: skip runs from the same account and region.
      if (r.accountId === lastAccount && r.region === lastRegion) continue;
      lastAccount = r.accountId;
      lastRegion = r.region;
      if (r.region !== 'global') see(r.accountId, r.region);
    }
  }
  for (const key of census) {
    const bar = key.indexOf('|');
    const accountId = key.slice(0, bar);
    const region = key.slice(bar + 1);
    // Organization-wide documents (organization/*.json) belong to no account of their own.
    if (region === 'global' && accountId === DEFAULT_ACCOUNT) continue;
    see(accountId, region === 'global' ? undefined : region);
  }
  for (const m of [c.iamUsers, c.iamGroups, c.iamRoles]) for (const x of m.values()) see(x.accountId);
  const org = c.organization;
  for (const a of org?.accounts.keys() ?? []) see(a);
  return sortedMap(
    [...regions].map(([id, set]): [string, Account] => {
      const o = org?.accounts.get(id);
      return [id, { id, name: o?.name, regions: [...set].sort(), status: o?.status, parentId: o?.parentId }];
    }),
  );
}

/** collection.json; several (one per collector run) are merged. */
function mergeCollections(b: RawBuckets): CollectionManifest | undefined {
  const list = b.collections.map((r) => r.rec);
  if (list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  return {
    version: 1,
    collectedAt: list.map((m) => m.collectedAt).sort()[0]!,
    collectedBy: list[0]!.collectedBy,
    tool: list[0]!.tool,
    accounts: [...new Set(list.flatMap((m) => m.accounts))].sort(),
    regions: [...new Set(list.flatMap((m) => m.regions))].sort(),
    calls: list.flatMap((m) => m.calls),
    failures: list.flatMap((m) => m.failures),
  };
}
