// ManagedPrefixLists: DescribeManagedPrefixLists, then GetManagedPrefixListEntries per list, each
// list's entries written as `Entries` inside its item (the loader reads them there; a list without
// `Entries` would have unknown contents).
import {
  DescribeManagedPrefixListsCommand,
  GetManagedPrefixListEntriesCommand,
  paginateDescribeManagedPrefixLists,
  paginateGetManagedPrefixListEntries,
} from '@aws-sdk/client-ec2';
import { allPages, type Collector, type Rec } from '../collector.js';

export const managedPrefixLists: Collector = {
  name: 'ManagedPrefixLists',
  keys: ['ManagedPrefixLists'],
  service: 'ec2',
  scope: 'regional',
  commands: [DescribeManagedPrefixListsCommand, GetManagedPrefixListEntriesCommand],
  async collect(run) {
    const client = run.client('ec2');
    const pages = await allPages(
      run,
      DescribeManagedPrefixListsCommand,
      paginateDescribeManagedPrefixLists({ client }, {}),
    );
    const items: Rec[] = [];
    for (const list of pages.flatMap((p) => p.PrefixLists ?? [])) {
      if (!list.PrefixListId) continue;
      const entries = await allPages(
        run,
        GetManagedPrefixListEntriesCommand,
        paginateGetManagedPrefixListEntries({ client }, { PrefixListId: list.PrefixListId }),
      );
      items.push({ ...list, Entries: entries.flatMap((p) => p.Entries ?? []) });
    }
    return { documents: [{ file: 'ManagedPrefixLists.json', data: { ManagedPrefixLists: items } }], items };
  },
};
