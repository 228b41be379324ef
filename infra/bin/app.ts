#!/usr/bin/env node
// CDK app: `npx cdk synth --app "npx tsx infra/bin/app.ts"` (offline; local esbuild bundling).
// Stacks: PerimeterDetector (security/tooling account) and, when -c detectorRoleArn=… is given (the
// detector stack's HandlerRoleArn output), PerimeterMemberRole (each member account, by hand or as
// a StackSet: docs/member-role.md).
// Context: -c mode=enforce, -c intentFile=perimeter.json, -c organizationFile=org.json,
// -c memberRoleName=PerimeterRemediator (both stacks), -c singleAccount=true (no member role),
// -c quietHours=6; member role: -c detectorRoleArn=arn:aws:iam::…:role/…, -c organizationId=o-…
// (default: the intent's organizationId), -c externalId=… (also given to the detector, which
// sends it), -c maxSessionHours=1..12,
// -c permissionsBoundaryArn=arn:aws:iam::…:policy/…, -c remediableTag=key=value.
import { readFileSync } from 'node:fs';
import { App, Duration } from 'aws-cdk-lib';
import { PerimeterDetectorStack } from '../lib/perimeter-detector-stack.js';
import {
  PERIMETER_MEMBER_ROLE_NAME,
  PerimeterMemberRoleStack,
  validateMemberRoleProps,
  type PerimeterMemberRoleStackProps,
} from '../lib/perimeter-member-role-stack.js';

const app = new App();
// `-c k=v` gives strings; cdk.json may give numbers and booleans: all read as their string form.
const ctx = (k: string): string | undefined => {
  const v: unknown = app.node.tryGetContext(k);
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
};
const mode = ctx('mode') ?? 'dry-run';
if (mode !== 'dry-run' && mode !== 'enforce')
  throw new Error(`context mode=${mode} (expected dry-run or enforce)`);
const intentFile = ctx('intentFile');
const organizationFile = ctx('organizationFile');
const memberRoleName = ctx('memberRoleName');
const singleAccount = ctx('singleAccount');
if (singleAccount !== undefined && singleAccount !== 'true' && singleAccount !== 'false')
  throw new Error(`context singleAccount=${singleAccount} (expected true or false)`);
if (singleAccount === 'true' && memberRoleName !== undefined)
  throw new Error(`context singleAccount=true with memberRoleName=${memberRoleName} (expected one of them)`);
const quiet: unknown = app.node.tryGetContext('quietHours');
const quietHours = quiet === undefined ? undefined : Number(quiet);
if (quietHours !== undefined && !(Number.isInteger(quietHours) && quietHours >= 1 && quietHours <= 24)) {
  throw new Error(`context quietHours=${String(quiet)} (expected a whole number of hours, 1 to 24)`);
}
const intent = intentFile
  ? (JSON.parse(readFileSync(intentFile, 'utf8')) as Record<string, unknown>)
  : undefined;

// The member role stack's props, checked before anything is bundled: a context mistake fails fast.
function memberRoleProps(detectorRoleArn: string): PerimeterMemberRoleStackProps {
  if (singleAccount === 'true')
    throw new Error(
      'context detectorRoleArn with singleAccount=true (a member role is for cross-account remediation)',
    );
  const intentOrg = typeof intent?.organizationId === 'string' ? intent.organizationId : undefined;
  const organizationId = ctx('organizationId') ?? intentOrg;
  const hours = ctx('maxSessionHours');
  const maxSessionHours = hours === undefined ? undefined : Number(hours);
  if (
    maxSessionHours !== undefined &&
    !(Number.isInteger(maxSessionHours) && maxSessionHours >= 1 && maxSessionHours <= 12)
  )
    throw new Error(`context maxSessionHours=${String(hours)} (expected a whole number of hours, 1 to 12)`);
  const tag = ctx('remediableTag');
  const eq = tag?.indexOf('=') ?? -1;
  if (tag !== undefined && eq < 1)
    throw new Error(`context remediableTag=${tag} (expected key=value, e.g. perimeter:remediate=true)`);
  const externalId = ctx('externalId');
  const permissionsBoundaryArn = ctx('permissionsBoundaryArn');
  const props: PerimeterMemberRoleStackProps = {
    detectorRoleArn,
    roleName: memberRoleName ?? PERIMETER_MEMBER_ROLE_NAME,
    ...(organizationId ? { organizationId } : {}),
    ...(externalId ? { externalId } : {}),
    ...(maxSessionHours !== undefined ? { maxSessionDuration: Duration.hours(maxSessionHours) } : {}),
    ...(permissionsBoundaryArn ? { permissionsBoundaryArn } : {}),
    ...(tag !== undefined ? { remediableTag: { key: tag.slice(0, eq), value: tag.slice(eq + 1) } } : {}),
  };
  validateMemberRoleProps(props);
  return props;
}
const detectorRoleArn = ctx('detectorRoleArn');
const member = detectorRoleArn !== undefined ? memberRoleProps(detectorRoleArn) : undefined;

new PerimeterDetectorStack(app, 'PerimeterDetector', {
  mode,
  ...(intent ? { intent } : {}),
  ...(organizationFile
    ? { organization: JSON.parse(readFileSync(organizationFile, 'utf8')) as Record<string, unknown> }
    : {}),
  ...(singleAccount === 'true'
    ? { memberRoleName: false as const }
    : memberRoleName
      ? { memberRoleName }
      : {}),
  ...(quietHours !== undefined ? { quietHours } : {}),
  // The member role's ExternalId, which the function must then send (PERIMETER_EXTERNAL_ID).
  ...(singleAccount !== 'true' && member?.externalId !== undefined
    ? { memberExternalId: member.externalId }
    : {}),
});
if (member) new PerimeterMemberRoleStack(app, 'PerimeterMemberRole', member);
app.synth();
