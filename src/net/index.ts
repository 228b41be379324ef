export * from './ip.js';
export * from './interval-set.js';
export * from './address-set.js';
export * from './special-ranges.js';
export * from './protocol.js';
export * from './port-set.js';
