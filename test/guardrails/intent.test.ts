import { describe, expect, it } from 'vitest';
import { validateIntent } from '../../src/config/intent.js';

describe('intent: guardrails section', () => {
  it('is optional; its defaults enable the IGW SCP parts and nothing else', () => {
    const r = validateIntent({ organizationId: 'o-abc123defg' });
    expect('intent' in r && r.intent.guardrails).toEqual({
      privilegedRoles: [],
      noInternetIngress: { enabled: true, egressOnlyInternetGateway: true, globalAccelerator: true },
      ec2CredentialBinding: [],
      callerLock: [],
      endpointPolicies: [],
    });
  });

  it('names the path and the expectation of every bad field', () => {
    const r = validateIntent({
      guardrails: {
        ec2CredentialBinding: [{ name: 'Bad Name', variant: 'nat' }],
        endpointPolicies: [
          {
            service: 'sqs',
            region: 'us-east-1',
            vpcId: 'vpc-1',
            workloads: [{ name: 'a', actions: ['sqs:SendMessage'], resources: ['*'] }],
          },
        ],
        colour: 'red',
      },
    });
    expect('issues' in r ? r.issues.map((i) => `${i.path}: ${i.message}`).sort() : []).toEqual([
      '$.guardrails.ec2CredentialBinding[0].name: a lower-case name of letters, digits and dashes',
      '$.guardrails.ec2CredentialBinding[0].variant: Invalid option: expected one of "endpoint-only"|"nat-aware"',
      '$.guardrails.endpointPolicies[0].vpcId: a VPC id like vpc-0abc1234',
      '$.guardrails.endpointPolicies[0].workloads[0]: a workload names ec2 (VPCs of its instances) or principalTag (its Lambda/ECS/EKS roles), or both',
      '$.guardrails: Unrecognized key: "colour"',
    ]);
  });

  it('requires targets for an SCP binding and roles for an inline one', () => {
    const r = validateIntent({
      guardrails: { ec2CredentialBinding: [{ name: 'x', variant: 'endpoint-only', attachAs: 'inline' }] },
    });
    expect('issues' in r ? r.issues : []).toEqual([
      {
        path: '$.guardrails.ec2CredentialBinding[0]',
        message: 'attachAs scp needs targets (root, OU or account ids); attachAs inline needs roles',
      },
    ]);
  });
});
