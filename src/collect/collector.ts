// The declarative shape of a collector (one file per resource type under collectors/) and the
// helpers they are built from: paginate a list operation, call once per parent record.
import type { CommandClass, ServiceClients, ServiceId } from './services.js';
import { operationOf } from './services.js';

export type Rec = Record<string, unknown>;

/** What a collector gets for one account × region (or account × "global"). */
export interface CollectorRun {
  readonly accountId: string;
  /** A region name, or "global" for global collectors (IAM, Route 53). */
  readonly region: string;
  /** The pooled client of that service for this account and region. */
  client<S extends ServiceId>(service: S): ServiceClients[S];
  /** Count one API call (one page) for the manifest and the progress line. */
  countCall(): void;
  /** Records produced by the collector named in `dependsOn`, in the same account and region. */
  readonly parentItems: readonly Rec[];
}

export interface CollectedDocument {
  /** File name inside accounts/<id>/<region|global>/. */
  readonly file: string;
  /** One response as the AWS CLI prints it (top-level key → records). */
  readonly data: Rec;
}

export interface CollectorOutput {
  readonly documents: readonly CollectedDocument[];
  /** The records collected (handed to dependents, counted in the manifest). */
  readonly items: readonly Rec[];
}

export interface Collector {
  /** Unique name, also the file name stem (`Vpcs` → Vpcs.json). */
  readonly name: string;
  /** Top-level keys of the documents it writes (the loader dispatches on them). */
  readonly keys: readonly string[];
  readonly service: ServiceId;
  readonly scope: 'regional' | 'global';
  /** Every SDK command the collector sends (drives --print-policy). The first is its main operation. */
  readonly commands: readonly [CommandClass, ...CommandClass[]];
  /** Runs after this collector, once per account and region, with its records. */
  readonly dependsOn?: string;
  collect(run: CollectorRun): Promise<CollectorOutput>;
}

/** Anything that counts API calls (a collector run, the organization walk). */
export type CallCounter = Pick<CollectorRun, 'countCall'>;

/** A failed API call, with the operation that failed (the error itself is the cause). */
export class OperationError extends Error {
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    const c = cause as { name?: string; message?: string };
    super(`${operation} failed: ${c?.name ?? 'Error'}: ${c?.message ?? String(cause)}`);
    this.name = 'OperationError';
  }
}

/** Every page of a paginator, each counted as a call; errors name the operation. */
export async function allPages<P>(
  run: CallCounter,
  command: CommandClass,
  pages: AsyncIterable<P>,
): Promise<P[]> {
  const out: P[] = [];
  try {
    for await (const page of pages) {
      run.countCall();
      out.push(page);
    }
  } catch (e) {
    throw new OperationError(operationOf(command), e);
  }
  return out;
}

/** One non-paginated call, counted; errors name the operation. */
export async function callOnce<O>(
  run: CallCounter,
  command: CommandClass,
  send: () => Promise<O>,
): Promise<O> {
  try {
    const out = await send();
    run.countCall();
    return out;
  } catch (e) {
    throw new OperationError(operationOf(command), e);
  }
}

function records(list: readonly unknown[] | undefined): Rec[] {
  return (list ?? []).map((x) => x as Rec);
}

/**
 * A list operation whose pages are concatenated under one key: `{"Vpcs": [...all pages]}`.
 */
export function listCollector<P>(def: {
  readonly key: string;
  readonly service: ServiceId;
  readonly scope?: 'regional' | 'global';
  readonly command: CommandClass;
  readonly pages: (run: CollectorRun) => AsyncIterable<P>;
  readonly items: (page: P) => readonly unknown[] | undefined;
}): Collector {
  return {
    name: def.key,
    keys: [def.key],
    service: def.service,
    scope: def.scope ?? 'regional',
    commands: [def.command],
    async collect(run) {
      const pages = await allPages(run, def.command, def.pages(run));
      const items = pages.flatMap((p) => records(def.items(p)));
      return { documents: [{ file: `${def.key}.json`, data: { [def.key]: items } }], items };
    },
  };
}

/**
 * One call (or paginated call) per parent record, written as Batfish does:
 * `{"Key": [{"<ParentIdName>": id, ...fields}, …]}` — e.g. LoadBalancerTargetHealth.
 */
export function perParentCollector(def: {
  readonly key: string;
  readonly service: ServiceId;
  readonly dependsOn: string;
  readonly commands: readonly [CommandClass, ...CommandClass[]];
  /** The parent's id field (`TargetGroupArn`) — also the id field of each written entry. */
  readonly parentId: string;
  /** Skip parents this operation does not apply to. */
  readonly applies?: (parent: Rec) => boolean;
  readonly fetch: (run: CollectorRun, id: string) => Promise<Rec>;
}): Collector {
  return {
    name: def.key,
    keys: [def.key],
    service: def.service,
    scope: 'regional',
    commands: def.commands,
    dependsOn: def.dependsOn,
    async collect(run) {
      const ids = run.parentItems
        .filter((p) => def.applies?.(p) ?? true)
        .map((p) => p[def.parentId])
        .filter((id): id is string => typeof id === 'string')
        .sort();
      const entries: Rec[] = [];
      for (const id of ids) entries.push({ [def.parentId]: id, ...(await def.fetch(run, id)) });
      return { documents: [{ file: `${def.key}.json`, data: { [def.key]: entries } }], items: entries };
    },
  };
}
