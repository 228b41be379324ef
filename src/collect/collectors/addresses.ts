// Addresses: DescribeAddresses (not paginated: one call returns every Elastic IP) → {"Addresses": [...]}.
import { DescribeAddressesCommand } from '@aws-sdk/client-ec2';
import { callOnce, type Collector, type Rec } from '../collector.js';

export const addresses: Collector = {
  name: 'Addresses',
  keys: ['Addresses'],
  service: 'ec2',
  scope: 'regional',
  commands: [DescribeAddressesCommand],
  async collect(run) {
    const out = await callOnce(run, DescribeAddressesCommand, () =>
      run.client('ec2').send(new DescribeAddressesCommand({})),
    );
    const items = (out.Addresses ?? []) as Rec[];
    return { documents: [{ file: 'Addresses.json', data: { Addresses: items } }], items };
  },
};
