// Tests fail on stray console output: the product writes results through explicit streams.
import { afterEach, beforeEach } from 'vitest';

const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
let stray: string[] = [];
const originals = new Map<string, (...args: unknown[]) => void>();

beforeEach(() => {
  stray = [];
  for (const m of methods) {
    originals.set(m, console[m] as (...args: unknown[]) => void);
    console[m] = (...args: unknown[]) => {
      stray.push(`console.${m}: ${args.map(String).join(' ')}`);
    };
  }
});

afterEach(() => {
  for (const m of methods) {
    const orig = originals.get(m);
    if (orig) console[m] = orig;
  }
  if (stray.length > 0) {
    const lines = stray.join('\n');
    stray = [];
    throw new Error(`stray console output during test:\n${lines}`);
  }
});
