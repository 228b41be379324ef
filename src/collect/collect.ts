// `perimeter collect`: discover the accounts (caller, or the whole organization), assume the
// read-only role in each member, find each account's regions, run every collector per account ×
// region through one bounded pool, and turn every failure into data for collection.json.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { CollectionFailure, CollectionManifest } from '../estate/model.js';
import { AssumeRoleError, assumeRoleProvider, roleArnFor } from './assume-role.js';
import { classifyError, type FailureKind } from './classify-error.js';
import { ClientPool, defaultClientSettings, type ClientSettings } from './client-pool.js';
import { callOnce, OperationError, type Collector, type Rec } from './collector.js';
import { Limiter } from './limiter.js';
import { walkOrganization } from './org/walk-organization.js';
import type { CollectProgress, ProgressListener } from './progress.js';
import { describeAccountRegions } from './regions.js';
import { allCollectors, validateCollectors } from './registry.js';
import { GLOBAL_SERVICE_REGION, operationOf, type ServiceId } from './services.js';

export const DEFAULT_ROLE_NAME = 'PerimeterReadOnly';
export const DEFAULT_CONCURRENCY = 8;
/** Where STS and EC2 DescribeRegions are called when nothing else says (a region every account has). */
export const DEFAULT_HOME_REGION = 'us-east-1';

export interface CollectOptions {
  /** Walk the organization and collect every ACTIVE member account. */
  readonly org?: boolean;
  /** Explicit regions; default: every region enabled in each account. */
  readonly regions?: readonly string[];
  /** Role assumed in member accounts (default PerimeterReadOnly). */
  readonly roleName?: string;
  readonly externalId?: string;
  /** API calls in flight at once across all accounts and regions (default 8). */
  readonly concurrency?: number;
  readonly client?: Partial<ClientSettings>;
  readonly homeRegion?: string;
  /** Collectors to run (default: the registry). */
  readonly collectors?: readonly Collector[];
  /** `tool` field of the manifest, e.g. "perimeter 0.1.0". */
  readonly tool?: string;
  readonly now?: () => Date;
  readonly onProgress?: ProgressListener;
}

export interface SnapshotDocument {
  /** Path relative to the snapshot root, with `/`. */
  readonly path: string;
  readonly data: Rec;
}

export interface CollectResult {
  /** Sorted by path. */
  readonly documents: readonly SnapshotDocument[];
  readonly manifest: CollectionManifest;
  /** Highest number of concurrent collector calls (≤ concurrency). */
  readonly peakConcurrency: number;
}

type Call = CollectionManifest['calls'][number];

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function collect(options: CollectOptions = {}): Promise<CollectResult> {
  const collectors = options.collectors ?? allCollectors;
  validateCollectors(collectors);
  const settings: ClientSettings = { ...defaultClientSettings, ...options.client };
  const pool = new ClientPool(settings);
  const limiter = new Limiter(options.concurrency ?? DEFAULT_CONCURRENCY);
  const home = options.homeRegion ?? DEFAULT_HOME_REGION;
  const collectedAt = (options.now ?? (() => new Date()))().toISOString();

  const documents: SnapshotDocument[] = [];
  const calls: Call[] = [];
  const failures: CollectionFailure[] = [];
  const progress = { accountsTotal: 0, accountsDone: 0, unitsTotal: 0, unitsDone: 0, calls: 0, failures: 0 };
  const report = () => options.onProgress?.({ ...progress } satisfies CollectProgress);
  const counter = () => ({
    n: 0,
    countCall() {
      this.n++;
      progress.calls++;
    },
  });
  const fail = (f: {
    accountId: string;
    region?: string;
    service?: ServiceId;
    operation?: string;
    error?: unknown;
    kind?: FailureKind;
    message?: string;
  }) => {
    const c =
      f.error !== undefined
        ? classifyError(f.error instanceof OperationError ? f.error.cause : f.error)
        : undefined;
    failures.push({
      accountId: f.accountId,
      ...(f.region !== undefined ? { region: f.region } : {}),
      ...(f.service !== undefined ? { service: f.service } : {}),
      ...(f.operation !== undefined ? { operation: f.operation } : {}),
      kind: f.kind ?? c?.kind ?? 'other',
      ...(c?.errorCode !== undefined ? { errorCode: c.errorCode } : {}),
      message: f.message ?? c?.message ?? 'unknown error',
    });
    progress.failures++;
    report();
  };

  try {
    // 1. Who are we?
    const sts = pool.get('sts', 'caller', home);
    const idCount = counter();
    const identity = await callOnce(idCount, GetCallerIdentityCommand, () =>
      sts.send(new GetCallerIdentityCommand({})),
    );
    const callerAccount = identity.Account;
    if (!callerAccount) {
      throw new Error('sts:GetCallerIdentity returned no Account (expected the 12-digit id of the caller)');
    }
    const partition = /^arn:([a-z-]+):/.exec(identity.Arn ?? '')?.[1] ?? 'aws';

    // 2. Which accounts?
    let accounts = [callerAccount];
    if (options.org) {
      const orgCount = counter();
      try {
        const walk = await walkOrganization(
          pool.get('organizations', callerAccount, GLOBAL_SERVICE_REGION),
          orgCount,
        );
        documents.push({ path: 'organization/organization.json', data: walk.document });
        calls.push({
          accountId: callerAccount,
          region: 'global',
          service: 'organizations',
          operation: 'DescribeOrganization',
          key: 'Organization',
          pages: orgCount.n,
          items: walk.accounts.length,
        });
        for (const e of walk.failures) {
          fail({
            accountId: callerAccount,
            region: 'global',
            service: 'organizations',
            operation: e.operation,
            error: e,
          });
        }
        accounts = walk.accounts
          .filter((a) => a.status === undefined || a.status === 'ACTIVE')
          .map((a) => a.id);
        if (!accounts.includes(callerAccount)) accounts.push(callerAccount);
      } catch (e) {
        if (!(e instanceof OperationError)) throw e;
        fail({
          accountId: callerAccount,
          region: 'global',
          service: 'organizations',
          operation: e.operation,
          error: e,
        });
      }
    }
    accounts = [...new Set(accounts)].sort(cmp);
    progress.accountsTotal = accounts.length;
    report();

    const regionsSeen = new Set<string>();
    const regional = collectors.filter((c) => c.scope === 'regional');
    const global = collectors.filter((c) => c.scope === 'global');

    // 3. Per account: credentials, regions, then every collector.
    const runAccount = async (accountId: string) => {
      if (accountId !== callerAccount) {
        const roleArn = roleArnFor(accountId, options.roleName ?? DEFAULT_ROLE_NAME, partition);
        const provider = assumeRoleProvider({
          sts,
          roleArn,
          externalId: options.externalId,
          sessionName: `perimeter-collect-${callerAccount}`,
        });
        try {
          await limiter.run(() => provider());
          progress.calls++;
        } catch (e) {
          fail({
            accountId,
            service: 'sts',
            operation: 'AssumeRole',
            kind: 'assume-role-failed',
            error: e,
            message:
              e instanceof AssumeRoleError ? e.message : `sts:AssumeRole ${roleArn} failed: ${String(e)}`,
          });
          progress.accountsDone++;
          report();
          return;
        }
        pool.setCredentials(accountId, provider);
      }

      const regions = await accountRegions(accountId);
      progress.unitsTotal += regions.length + (global.length > 0 ? 1 : 0);
      report();
      const units: Promise<void>[] = [];
      if (global.length > 0) units.push(runUnit(accountId, 'global', global));
      for (const region of regions) {
        regionsSeen.add(region);
        units.push(runUnit(accountId, region, regional));
      }
      await Promise.all(units);
      progress.accountsDone++;
      report();
    };

    const accountRegions = async (accountId: string): Promise<string[]> => {
      if (regional.length === 0) return [];
      const count = counter();
      try {
        const r = await limiter.run(() => describeAccountRegions(pool.get('ec2', accountId, home), count));
        calls.push({
          accountId,
          region: home,
          service: 'ec2',
          operation: 'DescribeRegions',
          key: 'Regions',
          pages: count.n,
          items: r.enabled.length + r.notEnabled.length,
        });
        if (!options.regions) return [...r.enabled];
        const out: string[] = [];
        for (const region of options.regions) {
          if (r.enabled.includes(region)) out.push(region);
          else if (r.notEnabled.includes(region)) {
            fail({
              accountId,
              region,
              service: 'ec2',
              operation: 'DescribeRegions',
              kind: 'opt-in-region',
              message: `region ${region} is an opt-in region not enabled in account ${accountId} (OptInStatus not-opted-in): nothing was collected there`,
            });
          } else {
            fail({
              accountId,
              region,
              service: 'ec2',
              operation: 'DescribeRegions',
              kind: 'other',
              message: `region ${region} is not among the regions of account ${accountId} (found: ${[...r.enabled, ...r.notEnabled].join(', ')})`,
            });
          }
        }
        return out;
      } catch (e) {
        fail({
          accountId,
          region: home,
          service: 'ec2',
          operation: e instanceof OperationError ? e.operation : 'DescribeRegions',
          error: e,
        });
        // Without the region list, the regions asked for are still worth trying.
        return [...(options.regions ?? [])];
      }
    };

    const runUnit = async (accountId: string, region: string, list: readonly Collector[]) => {
      const names = new Set(list.map((c) => c.name));
      const childrenOf = new Map<string, Collector[]>();
      for (const c of list) {
        if (c.dependsOn && names.has(c.dependsOn)) {
          childrenOf.set(c.dependsOn, [...(childrenOf.get(c.dependsOn) ?? []), c]);
        }
      }
      const clientRegion = region === 'global' ? GLOBAL_SERVICE_REGION : region;
      const skipDependents = (c: Collector, kind: string, why: string) => {
        for (const child of childrenOf.get(c.name) ?? []) {
          fail({
            accountId,
            region,
            service: child.service,
            operation: operationOf(child.commands[0]),
            kind: kind as FailureKind,
            message: `not collected: needs ${c.name}, which failed (${why})`,
          });
          skipDependents(child, kind, why);
        }
      };
      const runOne = async (c: Collector, parentItems: readonly Rec[]): Promise<void> => {
        const count = counter();
        let items: readonly Rec[];
        try {
          const out = await limiter.run(() =>
            c.collect({
              accountId,
              region,
              client: (service) => pool.get(service, accountId, clientRegion),
              countCall: () => count.countCall(),
              parentItems,
            }),
          );
          for (const d of out.documents) {
            documents.push({ path: `accounts/${accountId}/${region}/${d.file}`, data: d.data });
          }
          calls.push({
            accountId,
            region,
            service: c.service,
            operation: operationOf(c.commands[0]),
            key: c.name,
            pages: count.n,
            items: out.items.length,
          });
          items = out.items;
          report();
        } catch (e) {
          const operation = e instanceof OperationError ? e.operation : operationOf(c.commands[0]);
          fail({ accountId, region, service: c.service, operation, error: e });
          const last = failures[failures.length - 1]!;
          skipDependents(c, last.kind, `${last.kind}${last.errorCode ? ` ${last.errorCode}` : ''}`);
          return;
        }
        await Promise.all((childrenOf.get(c.name) ?? []).map((child) => runOne(child, items)));
      };
      await Promise.all(
        list.filter((c) => !c.dependsOn || !names.has(c.dependsOn)).map((c) => runOne(c, [])),
      );
      progress.unitsDone++;
      report();
    };

    await Promise.all(accounts.map((a) => runAccount(a)));

    const manifest: CollectionManifest = {
      version: 1,
      collectedAt,
      collectedBy: identity.Arn,
      ...(options.tool ? { tool: options.tool } : {}),
      accounts,
      regions: [...regionsSeen].sort(cmp),
      calls: calls.sort(
        (a, b) =>
          cmp(a.accountId, b.accountId) ||
          cmp(a.region, b.region) ||
          cmp(a.service, b.service) ||
          cmp(a.key, b.key),
      ),
      failures: failures.sort(
        (a, b) =>
          cmp(a.accountId, b.accountId) ||
          cmp(a.region ?? '', b.region ?? '') ||
          cmp(a.service ?? '', b.service ?? '') ||
          cmp(a.operation ?? '', b.operation ?? '') ||
          cmp(a.message, b.message),
      ),
    };
    return {
      documents: documents.sort((a, b) => cmp(a.path, b.path)),
      manifest,
      peakConcurrency: limiter.peak,
    };
  } finally {
    pool.destroy();
  }
}
