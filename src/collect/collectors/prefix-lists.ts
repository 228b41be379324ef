// PrefixLists: DescribePrefixLists (all pages) → {"PrefixLists": [...]}.
import { DescribePrefixListsCommand, paginateDescribePrefixLists } from '@aws-sdk/client-ec2';
import { listCollector } from '../collector.js';

export const prefixLists = listCollector({
  key: 'PrefixLists',
  service: 'ec2',
  command: DescribePrefixListsCommand,
  pages: (run) => paginateDescribePrefixLists({ client: run.client('ec2') }, {}),
  items: (page) => page.PrefixLists,
});
