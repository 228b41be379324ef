// The end-of-run summary of `perimeter collect`: JSON ({accounts, regions, calls, failures, out})
// or text, both sorted and stable.
import type { CollectionFailure, CollectionManifest } from '../estate/model.js';

export interface CollectSummary {
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
  /** API calls that succeeded (pages). */
  readonly calls: number;
  readonly failures: readonly CollectionFailure[];
  /** Absolute path of the snapshot written. */
  readonly out: string;
}

export function summarize(manifest: CollectionManifest, out: string): CollectSummary {
  return {
    accounts: manifest.accounts,
    regions: manifest.regions,
    calls: manifest.calls.reduce((n, c) => n + c.pages, 0),
    failures: manifest.failures,
    out,
  };
}

export function formatSummaryJson(s: CollectSummary): string {
  return (
    JSON.stringify(
      { accounts: s.accounts, calls: s.calls, failures: s.failures, out: s.out, regions: s.regions },
      null,
      2,
    ) + '\n'
  );
}

export function formatSummaryText(s: CollectSummary): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const lines = [
    `collected ${plural(s.accounts.length, 'account')}, ${plural(s.regions.length, 'region')}, ${plural(s.calls, 'API call')} → ${s.out}`,
  ];
  if (s.failures.length === 0) {
    lines.push('no collection failures');
  } else {
    lines.push(
      `${plural(s.failures.length, 'collection failure')} (recorded in collection.json; \`perimeter scan\` reports them as collection-gap):`,
    );
    for (const f of s.failures) {
      const op = f.operation ? `${f.service ?? '?'}:${f.operation}` : (f.service ?? '?');
      lines.push(
        `  ${f.accountId} ${f.region ?? 'all regions'} ${op} ${f.kind}${f.errorCode ? ` ${f.errorCode}` : ''}: ${f.message}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}
