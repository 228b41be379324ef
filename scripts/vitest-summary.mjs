// Prints the plain closing line CI reads ("N passed, N failed") from vitest's JSON reporter output.
import { existsSync, readFileSync } from 'node:fs';

const [file, statusArg] = process.argv.slice(2);
const status = Number(statusArg ?? '1');
if (!file || !existsSync(file)) {
  // typecheck or lint failed before vitest ran
  process.stdout.write(`vitest did not run (npm test exit ${status})\n0 passed, 1 failed\n`);
  process.exit(status === 0 ? 1 : status);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
const passed = r.numPassedTests ?? 0;
const failed = (r.numFailedTests ?? 0) + (status !== 0 && (r.numFailedTests ?? 0) === 0 ? 1 : 0);
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(status === 0 && failed === 0 && passed > 0 ? 0 : 1);
