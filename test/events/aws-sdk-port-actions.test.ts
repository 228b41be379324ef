// The declared IAM action lists (src/events/aws-port.ts) against what the SDK port really calls
// (src/events/aws-sdk-port.ts, read as text): adding an EC2 command to the port without adding its
// action to the list — and therefore to the detector role and the member role — fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EC2_DESCRIBE_ACTIONS, EC2_REMEDIATION_ACTIONS } from '../../src/events/aws-port.js';

const PORT_FILE = 'src/events/aws-sdk-port.ts';

/** Names imported from one module: `import { A, B as C, type D } from 'module'` → A, B (types skipped). */
function importedFrom(source: string, module: string): string[] {
  const re = /import\s*\{([^}]*)\}\s*from\s*'([^']+)'/g;
  const out: string[] = [];
  for (const m of source.matchAll(re)) {
    if (m[2] !== module) continue;
    for (const part of (m[1] ?? '').split(',')) {
      const name = part.trim();
      if (name === '' || name.startsWith('type ')) continue;
      out.push(name.split(/\s+as\s+/)[0]!.trim());
    }
  }
  return out;
}

/** Every `new XxxCommand(` in the source, for the commands imported from `module`, as `prefix:Xxx`. */
function calledActions(source: string, module: string, prefix: string): string[] {
  const commands = new Set(importedFrom(source, module).filter((n) => n.endsWith('Command')));
  const called = new Set<string>();
  for (const m of source.matchAll(/new\s+([A-Za-z0-9]+Command)\s*\(/g)) {
    const name = m[1]!;
    if (commands.has(name)) called.add(`${prefix}:${name.slice(0, -'Command'.length)}`);
  }
  return [...called].sort();
}

const source = readFileSync(PORT_FILE, 'utf8');

describe('EC2 actions the SDK port calls', () => {
  it('are exactly EC2_DESCRIBE_ACTIONS + EC2_REMEDIATION_ACTIONS (13 actions)', () => {
    expect(calledActions(source, '@aws-sdk/client-ec2', 'ec2')).toEqual(
      [...EC2_DESCRIBE_ACTIONS, ...EC2_REMEDIATION_ACTIONS].sort(),
    );
    expect(EC2_DESCRIBE_ACTIONS).toHaveLength(7);
    expect(EC2_REMEDIATION_ACTIONS).toHaveLength(6);
  });

  it('every imported EC2 command is called (no stale import hiding a removed call)', () => {
    const imported = importedFrom(source, '@aws-sdk/client-ec2')
      .filter((n) => n.endsWith('Command'))
      .map((n) => `ec2:${n.slice(0, -'Command'.length)}`)
      .sort();
    expect(imported).toEqual(calledActions(source, '@aws-sdk/client-ec2', 'ec2'));
  });

  it('the describe list is only Describe*, the remediation list only Delete/Detach/Reject/Revoke', () => {
    expect(EC2_DESCRIBE_ACTIONS.filter((a) => !/^ec2:Describe[A-Z]/.test(a))).toEqual([]);
    expect(EC2_REMEDIATION_ACTIONS.filter((a) => !/^ec2:(Delete|Detach|Reject|Revoke)[A-Z]/.test(a))).toEqual(
      [],
    );
  });

  it('SNS and STS calls: Publish, AssumeRole, GetCallerIdentity — none of them EC2', () => {
    expect(calledActions(source, '@aws-sdk/client-sns', 'sns')).toEqual(['sns:Publish']);
    expect(calledActions(source, '@aws-sdk/client-sts', 'sts')).toEqual([
      'sts:AssumeRole',
      'sts:GetCallerIdentity',
    ]);
  });

  it('SNS publishes with the home account credentials: one SNSClient, built without the assumed role', () => {
    const clients = [...source.matchAll(/new SNSClient\(([^)]*)\)/g)].map((m) => m[1]);
    expect(clients).toEqual(['o.topicRegion ? { region: o.topicRegion } : {}']);
  });

  it('the parser sees a command added to the port (so the first test can fail)', () => {
    const added =
      source.replace('DeleteRouteCommand,', 'DeleteRouteCommand,\n  DeleteSecurityGroupCommand,') +
      '\nvoid new DeleteSecurityGroupCommand({ GroupId: "sg-1" });\n';
    expect(calledActions(added, '@aws-sdk/client-ec2', 'ec2')).toContain('ec2:DeleteSecurityGroup');
    expect(calledActions(added, '@aws-sdk/client-ec2', 'ec2')).toHaveLength(14);
  });
});
