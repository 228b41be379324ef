// Route 53 hosted zones (ListHostedZones) and their VPC associations (GetHostedZone "VPCs").
import type { HostedZone } from '../model.js';
import type { RawBuckets } from '../raw.js';
import { compareStrings, sortedMap, uniqueById } from './common.js';

/** "/hostedzone/Z123" → "Z123" */
export function zoneId(id: string): string {
  return id.startsWith('/hostedzone/') ? id.slice('/hostedzone/'.length) : id;
}

export function buildHostedZones(b: RawBuckets): ReadonlyMap<string, HostedZone> {
  const vpcs = new Map<string, { vpcId: string; region: string }[]>();
  for (const r of b.hostedZoneVpcs) {
    const id = zoneId(r.rec.zoneId);
    if (!vpcs.has(id)) {
      vpcs.set(
        id,
        [...r.rec.vpcs].sort(
          (x, y) => compareStrings(x.vpcId, y.vpcId) || compareStrings(x.region, y.region),
        ),
      );
    }
  }
  return sortedMap(
    uniqueById(b.hostedZones, (z) => zoneId(z.Id)).map((r) => {
      const id = zoneId(r.rec.Id);
      return [
        id,
        {
          id,
          name: r.rec.Name,
          privateZone: r.rec.Config?.PrivateZone ?? false,
          accountId: r.accountId,
          vpcs: vpcs.get(id),
        },
      ];
    }),
  );
}
