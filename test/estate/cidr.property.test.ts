// Property: the loader's IPv4 fast path gives exactly net's normalizeCidr text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tryNormalizeCidr } from '../../src/estate/cidr.js';
import { normalizeCidr } from '../../src/net/index.js';

describe('tryNormalizeCidr', () => {
  it('IPv4: same as net normalizeCidr', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (ip, len) => {
        expect(tryNormalizeCidr(`${ip}/${len}`)).toEqual({ cidr: normalizeCidr(`${ip}/${len}`), version: 4 });
      }),
      { numRuns: 500 },
    );
  });

  it('IPv6: normalized through net', () => {
    expect(tryNormalizeCidr('2001:DB8:0:0::1/32')).toEqual({ cidr: '2001:db8::/32', version: 6 });
    fc.assert(
      fc.property(fc.ipV6(), fc.integer({ min: 0, max: 128 }), (ip, len) => {
        expect(tryNormalizeCidr(`${ip}/${len}`)?.cidr).toBe(normalizeCidr(`${ip}/${len}`));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects what is not a CIDR with a prefix', () => {
    expect(
      ['10.0.0.1', '10.0.0.300/16', '10.0.0.0/33', 'vpc-1', '', '::/129'].map((t) => tryNormalizeCidr(t)),
    ).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
