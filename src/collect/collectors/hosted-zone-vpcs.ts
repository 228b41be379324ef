// HostedZone: GetHostedZone per private hosted zone → one file per zone,
// {"HostedZone": {...}, "VPCs": [{"VPCId", "VPCRegion"}]} (the VPC associations that make the zone
// resolve in those VPCs; public zones have none and are skipped).
import { GetHostedZoneCommand } from '@aws-sdk/client-route-53';
import { callOnce, type CollectedDocument, type Collector, type Rec } from '../collector.js';

export const hostedZoneVpcs: Collector = {
  name: 'HostedZone',
  keys: ['HostedZone', 'VPCs'],
  service: 'route53',
  scope: 'global',
  commands: [GetHostedZoneCommand],
  dependsOn: 'HostedZones',
  async collect(run) {
    const ids = run.parentItems
      .filter((z) => (z.Config as { PrivateZone?: boolean } | undefined)?.PrivateZone === true)
      .map((z) => z.Id)
      .filter((id): id is string => typeof id === 'string')
      .sort();
    const documents: CollectedDocument[] = [];
    const items: Rec[] = [];
    for (const id of ids) {
      const out = await callOnce(run, GetHostedZoneCommand, () =>
        run.client('route53').send(new GetHostedZoneCommand({ Id: id })),
      );
      const data: Rec = { HostedZone: out.HostedZone, VPCs: out.VPCs ?? [] };
      documents.push({ file: `HostedZone-${id.replace(/^\/hostedzone\//, '')}.json`, data });
      items.push(data);
    }
    return { documents, items };
  },
};
