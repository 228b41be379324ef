// Where a document's data lives when its path does not say: account from the data's owner ids
// (else "default"), region from availability zones and ARNs (else "unknown"). Documents in the
// same directory are located together, so a flat Batfish snapshot's Vpcs.json (no zones) gets the
// region its Subnets.json shows.

import { isAccountId } from './ids.js';

export const DEFAULT_ACCOUNT = 'default';
export const UNKNOWN_REGION = 'unknown';

// us-east-1a, us-west-2-lax-1a (Local Zone), us-gov-west-1a, cn-north-1a
const AZ = /^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+)(?:[a-z]|-[a-z0-9-]+)$/;
const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):(\d{12}|aws)?:/;
const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
const IAM_KEYS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList'];
const ORG_KEYS = ['Organization', 'Roots', 'OrganizationalUnits', 'Accounts'];

export function isRegionName(s: string): boolean {
  return REGION.test(s);
}

export function regionOfAz(az: string): string | undefined {
  return AZ.exec(az)?.[1];
}

export class Tally {
  private readonly counts = new Map<string, number>();
  add(v: string | undefined, weight = 1): void {
    if (v) this.counts.set(v, (this.counts.get(v) ?? 0) + weight);
  }
  /** Most frequent value; ties go to the smallest (deterministic). */
  best(): string | undefined {
    let best: string | undefined;
    let n = 0;
    for (const [v, c] of [...this.counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (c > n) {
        best = v;
        n = c;
      }
    }
    return best;
  }
}

/** Collect account and region evidence from one raw document (defensive: data is unvalidated). */
export function scanEvidence(data: unknown, accounts: Tally, regions: Tally): void {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return;
  const d = data as Record<string, unknown>;
  if (typeof d.Account === 'string' && isAccountId(d.Account)) accounts.add(d.Account, 1000);
  for (const value of Object.values(d)) {
    if (!Array.isArray(value)) continue;
    for (const item of value) scanRecord(item, accounts, regions, 0);
  }
}

function scanRecord(item: unknown, accounts: Tally, regions: Tally, depth: number): void {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return;
  const r = item as Record<string, unknown>;
  for (const k in r) {
    const v = r[k];
    if (typeof v === 'string') {
      if (k === 'OwnerId' && isAccountId(v)) accounts.add(v);
      else if (k === 'AvailabilityZone' || k === 'ZoneName') regions.add(regionOfAz(v));
      else if ((k === 'Arn' || k.endsWith('Arn')) && v.startsWith('arn:')) {
        const m = ARN.exec(v);
        if (m) {
          if (m[1] && REGION.test(m[1])) regions.add(m[1]);
          if (m[2] && isAccountId(m[2])) accounts.add(m[2]);
        }
      }
    } else if (depth < 2 && (k === 'Instances' || k === 'Placement' || k === 'AvailabilityZones')) {
      if (Array.isArray(v)) for (const x of v) scanRecord(x, accounts, regions, depth + 1);
      else scanRecord(v, accounts, regions, depth + 1);
    }
  }
}

/** IAM and Organizations data is global. */
export function isGlobalDocument(data: unknown): boolean {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return false;
  const d = data as Record<string, unknown>;
  return (
    IAM_KEYS.some((k) => k in d) || ORG_KEYS.some((k) => k in d) || 'HostedZones' in d || 'HostedZone' in d
  );
}
