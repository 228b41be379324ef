// Which regions an account can be collected in: EC2 DescribeRegions with AllRegions, split by
// opt-in status (opt-in regions are usable only once enabled:
// https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html).
import { DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { callOnce, type CallCounter } from './collector.js';

export interface AccountRegions {
  /** `opt-in-not-required` or `opted-in`, sorted. */
  readonly enabled: readonly string[];
  /** `not-opted-in`, sorted. */
  readonly notEnabled: readonly string[];
}

export async function describeAccountRegions(ec2: EC2Client, run: CallCounter): Promise<AccountRegions> {
  const out = await callOnce(run, DescribeRegionsCommand, () =>
    ec2.send(new DescribeRegionsCommand({ AllRegions: true })),
  );
  const enabled: string[] = [];
  const notEnabled: string[] = [];
  for (const r of out.Regions ?? []) {
    if (!r.RegionName) continue;
    if (r.OptInStatus === 'not-opted-in') notEnabled.push(r.RegionName);
    else enabled.push(r.RegionName);
  }
  return { enabled: enabled.sort(), notEnabled: notEnabled.sort() };
}

const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+$/;

/** Parses `--regions a,b`: trimmed, de-duplicated, sorted; throws naming the bad value. */
export function parseRegionList(value: string): string[] {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (list.length === 0)
    throw new Error(`--regions ${JSON.stringify(value)} names no region (expected e.g. us-east-1,eu-west-1)`);
  for (const r of list) {
    if (!REGION.test(r)) {
      throw new Error(
        `--regions: ${JSON.stringify(r)} is not a region name (expected e.g. us-east-1, eu-central-2, us-gov-west-1)`,
      );
    }
  }
  return [...new Set(list)].sort();
}
