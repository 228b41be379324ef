// Without --port, an ICMP trace is an echo request: type 8 for ICMP, type 128 for ICMPv6.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

async function flowPort(protocol: string, to: string): Promise<unknown> {
  const r = await runCli([
    'trace',
    '--from',
    'internet',
    '--to',
    to,
    '--protocol',
    protocol,
    '--format',
    'json',
  ]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { flow: { port: number } }).flow.port;
}

describe('trace ICMP defaults', () => {
  it('ICMPv6 echo request is type 128', async () => {
    expect(await flowPort('icmpv6', '2600:1f18:6c2:e101:4b1e:93c2:7d0a:51f6')).toBe(128);
  });
  it('ICMP echo request is type 8', async () => {
    expect(await flowPort('icmp', '54.164.22.91')).toBe(8);
  });
});
