// Every AWS sample policy in ../shared/fixtures/policies-* parses, and evaluates; the only
// validation errors are the samples' placeholders ("<my-corporate-cidr>" …) and the one sample
// with a // comment (not JSON).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/iam/compile.js';
import { evaluate } from '../../src/iam/evaluate.js';
import { parsePolicy } from '../../src/iam/parse.js';
import type { PolicyType } from '../../src/iam/types.js';
import { jsonFilesUnder } from '../support/json-files.js';
import { allowAll, req } from './helpers.js';

const root = join(process.cwd(), '..', 'shared', 'fixtures');

const files = [
  ...jsonFilesUnder(join(root, 'policies-data-perimeter')),
  ...jsonFilesUnder(join(root, 'policies-scp-examples')),
];
const typeOf = (f: string): PolicyType =>
  f.includes('resource_control_policies') ? 'rcp' : f.includes('vpc_endpoint_policies') ? 'vpce' : 'scp';
const commented =
  'policies-scp-examples/Service-specific-controls/AWS-IAM/deny-service-specific-credential-by-type.json';

describe('fixture policies', () => {
  it('finds the fixtures', () => {
    expect(files.length).toBe(86);
  });

  it.each(files.map((f) => [relative(root, f)]))('%s parses and evaluates', (rel) => {
    const text = readFileSync(join(root, rel), 'utf8');
    if (rel === commented) {
      const r = parsePolicy(text, 'scp');
      expect(r.ok).toBe(false);
      expect(r.issues[0]?.path).toBe('$');
      expect(r.issues[0]?.message).toMatch(/^the policy is not valid JSON/);
      return;
    }
    const type = typeOf(rel);
    const r = parsePolicy(JSON.parse(text), type);
    expect(r.policy.statements.length).toBeGreaterThan(0);
    for (const i of r.issues.filter((x) => x.severity === 'error')) expect(i.message).toMatch(/"<[^>]+>"/);
    const compiled = compilePolicy(r.policy, rel, r.issues);
    const d = evaluate(
      type === 'scp'
        ? { identity: [allowAll()], scp: [{ id: 'r-root', policies: [allowAll('scp'), compiled] }] }
        : type === 'rcp'
          ? { identity: [allowAll()], rcp: [{ id: 'r-root', policies: [compiled] }] }
          : { identity: [allowAll()], endpoint: [compiled] },
      req({
        principal: 'arn:aws:iam::111122223333:user/alice',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b/k',
        resourceAccount: '111122223333',
      }),
    );
    expect(['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied']).toContain(d.decision);
  });
});

describe('specific fixture decisions', () => {
  const load = (rel: string, type: PolicyType) => {
    const r = parsePolicy(JSON.parse(readFileSync(join(root, rel), 'utf8')), type);
    return compilePolicy(r.policy, rel, r.issues);
  };

  it('Prevent-creating-or-expanding-public-connectivity: denies CreateInternetGateway, even for the privileged role, because ${Account} is not a policy variable with a value', () => {
    const p = load(
      'policies-scp-examples/Privileged-access-controls/Prevent-creating-or-expanding-public-connectivity-for-VPCs.json',
      'scp',
    );
    const set = { identity: [allowAll()], scp: [{ id: 'r-root', policies: [allowAll('scp'), p] }] };
    const admin = 'arn:aws:sts::111122223333:assumed-role/[PRIVILEGED_ROLE]/s';
    const d = evaluate(set, req({ principal: admin, action: 'ec2:CreateInternetGateway' }));
    expect(d.decision).toBe('ExplicitlyDenied');
    expect(d.blockedBy).toEqual(['scp']);
    expect(evaluate(set, req({ principal: admin, action: 'ec2:DescribeVpcs' })).decision).toBe('Allowed');
  });

  it('ec2 endpoint policy: allows org identities to org resources, not outsiders', () => {
    const p = load('policies-data-perimeter/vpc_endpoint_policies/ec2_endpoint_policy.json', 'vpce');
    const inOrg = req({
      principal: 'arn:aws:iam::111122223333:user/alice',
      action: 'ec2:DescribeInstances',
      context: { 'aws:PrincipalOrgID': '<my-org-id>', 'aws:ResourceOrgID': '<my-org-id>' },
    });
    expect(evaluate({ identity: [allowAll()], endpoint: [p] }, inOrg).decision).toBe('Allowed');
    const outsider = req({
      principal: 'arn:aws:iam::999999999999:user/mallory',
      action: 'ec2:DescribeInstances',
      context: { 'aws:PrincipalOrgID': 'o-other', 'aws:ResourceOrgID': '<my-org-id>' },
    });
    expect(evaluate({ identity: [allowAll()], endpoint: [p] }, outsider).blockedBy).toEqual(['vpce']);
  });
});
