// The CLI contract suite (DESIGN.md "Command-line contract" and the finding shape), one vitest file
// so the CLI is imported once: each suite registers its describe blocks when imported.
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.js';
import './exit-codes.suite.js';
import './scan.suite.js';
import './exposure-egress.suite.js';
import './trace.suite.js';
import './scope-inventory.suite.js';
import './iam.suite.js';
import './ops.suite.js';
import './real-snapshots.suite.js';

afterAll(() => {
  removeTempDirs();
});
