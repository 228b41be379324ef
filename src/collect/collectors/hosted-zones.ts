// HostedZones: Route 53 ListHostedZones (global, all pages) → {"HostedZones": [...]}.
import { ListHostedZonesCommand, paginateListHostedZones } from '@aws-sdk/client-route-53';
import { listCollector } from '../collector.js';

export const hostedZones = listCollector({
  key: 'HostedZones',
  service: 'route53',
  scope: 'global',
  command: ListHostedZonesCommand,
  pages: (run) => paginateListHostedZones({ client: run.client('route53') }, {}),
  items: (page) => page.HostedZones,
});
