#!/usr/bin/env node
// CDK app: `npx cdk synth --app "npx tsx infra/bin/app.ts"` (offline; local esbuild bundling).
// Context: -c mode=enforce, -c intentFile=perimeter.json, -c organizationFile=org.json,
// -c memberRoleName=PerimeterRemediator, -c quietHours=6.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { PerimeterDetectorStack } from '../lib/perimeter-detector-stack.js';

const app = new App();
const ctx = (k: string): string | undefined => {
  const v: unknown = app.node.tryGetContext(k);
  return typeof v === 'string' ? v : undefined;
};
const mode = ctx('mode') ?? 'dry-run';
if (mode !== 'dry-run' && mode !== 'enforce')
  throw new Error(`context mode=${mode} (expected dry-run or enforce)`);
const intentFile = ctx('intentFile');
const organizationFile = ctx('organizationFile');
const memberRoleName = ctx('memberRoleName');
const quiet: unknown = app.node.tryGetContext('quietHours');
const quietHours = quiet === undefined ? undefined : Number(quiet);
if (quietHours !== undefined && !(Number.isInteger(quietHours) && quietHours >= 1 && quietHours <= 24)) {
  throw new Error(`context quietHours=${String(quiet)} (expected a whole number of hours, 1 to 24)`);
}
new PerimeterDetectorStack(app, 'PerimeterDetector', {
  mode,
  ...(intentFile ? { intent: JSON.parse(readFileSync(intentFile, 'utf8')) as Record<string, unknown> } : {}),
  ...(organizationFile
    ? { organization: JSON.parse(readFileSync(organizationFile, 'utf8')) as Record<string, unknown> }
    : {}),
  ...(memberRoleName ? { memberRoleName } : {}),
  ...(quietHours !== undefined ? { quietHours } : {}),
});
app.synth();
