// net: addresses, CIDRs, interval sets over addresses and ports, protocols. Imports nothing of ours.
//
// ip.ts             parseIp / parseCidr / formatIp, Cidr, NetParseError (strict parsing rules there)
// interval-set.ts   IntervalSet (number) and BigIntervalSet (bigint): immutable, coalesced ranges
// address-set.ts    AddressSet: one BigIntervalSet per IP version; minimal CIDR cover; whole-internet test
// special-ranges.ts RFC 1918 / CGNAT / loopback / link-local / ULA / documentation ranges
// protocol.ts       AWS protocol strings ("-1", "tcp", "6" ...) and where port ranges apply
// port-set.ts       port sets from AWS FromPort/ToPort, formatting
export * from './ip.js';
export * from './interval-set.js';
export * from './address-set.js';
export * from './special-ranges.js';
export * from './protocol.js';
export * from './port-set.js';
