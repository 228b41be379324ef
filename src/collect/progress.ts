// Counters the collector reports while it runs (the CLI renders them on stderr).

export interface CollectProgress {
  /** Accounts to collect, and accounts whose every region and global collector has finished. */
  readonly accountsTotal: number;
  readonly accountsDone: number;
  /** Account × region units (global counts as one region per account), and finished ones. */
  readonly unitsTotal: number;
  readonly unitsDone: number;
  /** API calls that succeeded (pages), and failures recorded so far. */
  readonly calls: number;
  readonly failures: number;
}

export type ProgressListener = (p: CollectProgress) => void;

export function formatProgress(p: CollectProgress): string {
  return `accounts ${p.accountsDone}/${p.accountsTotal} · regions ${p.unitsDone}/${p.unitsTotal} · calls ${p.calls} · errors ${p.failures}`;
}
