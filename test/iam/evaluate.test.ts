// The decision order of DOMAIN.md §3 and the IAM User Guide "Policy evaluation logic" pages.
import { describe, expect, it } from 'vitest';
import { UNKNOWN } from '../../src/iam/request.js';
import { allowAll, decide, pol, req } from './helpers.js';

const A = '111122223333';
const B = '444455556666';
const user = `arn:aws:iam::${A}:user/alice`;
const roleArn = `arn:aws:iam::${A}:role/app`;
const session = `arn:aws:sts::${A}:assumed-role/app/i-0abc`;
const bucket = 'arn:aws:s3:::data-bucket/key.txt';

describe('identity policies', () => {
  it('allows what an identity policy allows', () => {
    const d = decide(
      { identity: [allowAll()] },
      req({ principal: user, action: 's3:GetObject', resource: bucket, resourceAccount: A }),
    );
    expect(d.decision).toBe('Allowed');
    expect(d.deciding).toEqual([
      { set: 'identity', policy: 'identity-allow-all', statement: 0, effect: 'Allow' },
    ]);
  });

  it('implicitly denies what nothing allows', () => {
    const d = decide(
      { identity: [pol('identity', [{ Effect: 'Allow', Action: 's3:List*', Resource: '*' }])] },
      req({ principal: user, action: 's3:GetObject', resource: bucket, resourceAccount: A }),
    );
    expect(d).toEqual({
      decision: 'ImplicitlyDenied',
      blockedBy: ['identity'],
      deciding: [],
      unknownKeys: [],
      blockedAt: [],
    });
  });

  it('matches actions case-insensitively and resources case-sensitively', () => {
    const p = pol('identity', [
      { Effect: 'Allow', Action: 'S3:getobject', Resource: 'arn:aws:s3:::Data-Bucket/*' },
    ]);
    expect(
      decide(
        { identity: [p] },
        req({ principal: user, action: 's3:GetObject', resource: 'arn:aws:s3:::Data-Bucket/x' }),
      ).decision,
    ).toBe('Allowed');
    expect(
      decide(
        { identity: [p] },
        req({ principal: user, action: 's3:GetObject', resource: 'arn:aws:s3:::data-bucket/x' }),
      ).decision,
    ).toBe('ImplicitlyDenied');
  });

  it('an explicit deny wins over any allow', () => {
    const d = decide(
      {
        identity: [
          allowAll(),
          pol('identity', [{ Sid: 'NoDelete', Effect: 'Deny', Action: 's3:Delete*', Resource: '*' }], 'deny'),
        ],
        resource: pol('resource', [
          { Effect: 'Allow', Principal: { AWS: user }, Action: '*', Resource: '*' },
        ]),
      },
      req({ principal: user, action: 's3:DeleteObject', resource: bucket, resourceAccount: A }),
    );
    expect(d.decision).toBe('ExplicitlyDenied');
    expect(d.blockedBy).toEqual(['identity']);
    expect(d.deciding).toEqual([
      { set: 'identity', policy: 'deny', statement: 0, sid: 'NoDelete', effect: 'Deny' },
    ]);
  });

  it('NotAction and NotResource invert the match', () => {
    const p = pol('identity', [
      { Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::secret/*' },
    ]);
    expect(
      decide({ identity: [p] }, req({ principal: user, action: 's3:GetObject', resource: bucket })).decision,
    ).toBe('Allowed');
    expect(
      decide({ identity: [p] }, req({ principal: user, action: 'iam:CreateUser', resource: bucket }))
        .decision,
    ).toBe('ImplicitlyDenied');
    expect(
      decide(
        { identity: [p] },
        req({ principal: user, action: 's3:GetObject', resource: 'arn:aws:s3:::secret/x' }),
      ).decision,
    ).toBe('ImplicitlyDenied');
  });

  // IAM User Guide, "Policy variables": arn:aws:s3:::bucket/${aws:username}/* gives each user their folder.
  it('resolves ${aws:username} in Resource; without a value it matches nothing', () => {
    const p = pol('identity', [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' },
    ]);
    expect(
      decide(
        { identity: [p] },
        req({
          principal: `arn:aws:iam::${A}:user/david`,
          action: 's3:GetObject',
          resource: 'arn:aws:s3:::home/david/a',
        }),
      ).decision,
    ).toBe('Allowed');
    expect(
      decide(
        { identity: [p] },
        req({
          principal: `arn:aws:iam::${A}:user/david`,
          action: 's3:GetObject',
          resource: 'arn:aws:s3:::home/erin/a',
        }),
      ).decision,
    ).toBe('ImplicitlyDenied');
    // A role session has no aws:username: the Resource matches nothing.
    expect(
      decide(
        { identity: [p] },
        req({ principal: session, action: 's3:GetObject', resource: 'arn:aws:s3:::home/app/a' }),
      ).decision,
    ).toBe('ImplicitlyDenied');
  });
});

describe('SCPs', () => {
  const scpAllowS3 = pol('scp', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }], 'only-s3');
  it('every level root → OU → account must allow', () => {
    const levels = [
      { id: 'r-root', policies: [allowAll('scp')] },
      { id: 'ou-prod', policies: [scpAllowS3] },
      { id: A, policies: [allowAll('scp')] },
    ];
    expect(
      decide(
        { identity: [allowAll()], scp: levels },
        req({ principal: user, action: 's3:GetObject', resource: bucket }),
      ).decision,
    ).toBe('Allowed');
    const d = decide(
      { identity: [allowAll()], scp: levels },
      req({ principal: user, action: 'ec2:RunInstances' }),
    );
    expect(d).toEqual({
      decision: 'ImplicitlyDenied',
      blockedBy: ['scp'],
      deciding: [],
      unknownKeys: [],
      blockedAt: ['ou-prod'],
    });
  });

  it('a level without any policy allowing blocks even when the others allow', () => {
    const levels = [
      { id: 'r-root', policies: [allowAll('scp')] },
      { id: A, policies: [] },
    ];
    expect(
      decide({ identity: [allowAll()], scp: levels }, req({ principal: user, action: 's3:GetObject' }))
        .blockedBy,
    ).toEqual(['scp']);
  });

  it('an SCP never grants: the identity policy must still allow', () => {
    const d = decide(
      { identity: [], scp: [{ id: 'r', policies: [allowAll('scp')] }] },
      req({ principal: user, action: 's3:GetObject' }),
    );
    expect(d.blockedBy).toEqual(['identity']);
  });

  it('the management account is exempt', () => {
    const set = {
      identity: [allowAll()],
      scp: [{ id: 'r', policies: [pol('scp', [{ Effect: 'Deny', Action: '*', Resource: '*' }])] }],
    };
    expect(decide(set, req({ principal: user, action: 's3:GetObject' })).decision).toBe('ExplicitlyDenied');
    expect(
      decide({ ...set, principalIsManagementAccount: true }, req({ principal: user, action: 's3:GetObject' }))
        .decision,
    ).toBe('Allowed');
  });
});

describe('RCPs', () => {
  const rcpDeny = pol('rcp', [
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-123' } },
    },
  ]);
  it('deny requests from outside the org and nothing else (RCPFullAWSAccess allows the rest)', () => {
    const set = { identity: [allowAll()], rcp: [{ id: 'r', policies: [rcpDeny] }] };
    expect(
      decide(
        set,
        req({ principal: user, action: 's3:GetObject', context: { 'aws:PrincipalOrgID': 'o-123' } }),
      ).decision,
    ).toBe('Allowed');
    const d = decide(
      set,
      req({ principal: user, action: 's3:GetObject', context: { 'aws:PrincipalOrgID': 'o-999' } }),
    );
    expect(d.decision).toBe('ExplicitlyDenied');
    expect(d.blockedBy).toEqual(['rcp']);
    // A level with only a Deny does not implicitly deny other services.
    expect(decide(set, req({ principal: user, action: 'sqs:SendMessage' })).decision).toBe('Allowed');
  });
});

describe('VPC endpoint policies', () => {
  const ep = pol(
    'vpce',
    [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data-bucket/*' }],
    'ep',
  );
  it('must allow when the request goes through the endpoint', () => {
    expect(
      decide(
        { identity: [allowAll()], endpoint: [ep] },
        req({ principal: user, action: 's3:GetObject', resource: bucket }),
      ).decision,
    ).toBe('Allowed');
    const d = decide(
      { identity: [allowAll()], endpoint: [ep] },
      req({ principal: user, action: 's3:PutObject', resource: bucket }),
    );
    expect(d.blockedBy).toEqual(['vpce']);
  });
  it('never grants on its own', () => {
    expect(
      decide(
        { identity: [], endpoint: [ep] },
        req({ principal: user, action: 's3:GetObject', resource: bucket }),
      ).blockedBy,
    ).toEqual(['identity']);
  });
});

describe('permissions boundaries and session policies', () => {
  // IAM User Guide "Permissions boundaries": identity allows iam:CreateUser, the boundary allows only
  // s3:*, cloudwatch:*, ec2:* → the user cannot create users.
  const boundary = pol(
    'boundary',
    [{ Effect: 'Allow', Action: ['s3:*', 'cloudwatch:*', 'ec2:*'], Resource: '*' }],
    'pb',
  );
  const identity = pol('identity', [
    { Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*' },
    { Effect: 'Allow', Action: 's3:*', Resource: '*' },
  ]);
  it('intersects identity with the boundary', () => {
    expect(
      decide(
        { identity: [identity], boundary: [boundary] },
        req({ principal: user, action: 'iam:CreateUser' }),
      ),
    ).toEqual({
      decision: 'ImplicitlyDenied',
      blockedBy: ['pb'],
      deciding: [],
      unknownKeys: [],
      blockedAt: [],
    });
    expect(
      decide(
        { identity: [identity], boundary: [boundary] },
        req({ principal: user, action: 's3:ListBucket' }),
      ).decision,
    ).toBe('Allowed');
  });

  const resourceFor = (principal: string) =>
    pol(
      'resource',
      [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sqs:SendMessage', Resource: '*' }],
      'queue-policy',
    );
  const q = { action: 'sqs:SendMessage', resource: `arn:aws:sqs:us-east-1:${A}:q`, resourceAccount: A };

  it('a resource policy naming the IAM user is not limited by the boundary', () => {
    expect(
      decide(
        { identity: [], boundary: [boundary], resource: resourceFor(user) },
        req({ principal: user, ...q }),
      ).decision,
    ).toBe('Allowed');
  });
  it('a resource policy naming the role ARN is limited by the boundary', () => {
    const d = decide(
      { identity: [], boundary: [boundary], resource: resourceFor(roleArn) },
      req({ principal: session, ...q }),
    );
    expect(d.decision).toBe('ImplicitlyDenied');
    expect(d.blockedBy).toEqual(['pb']);
  });
  it('a resource policy naming the role session ARN is not limited by the boundary or the session policy', () => {
    const sess = pol('session', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }], 'sess');
    expect(
      decide(
        { identity: [], boundary: [boundary], session: [sess], resource: resourceFor(session) },
        req({ principal: session, ...q }),
      ).decision,
    ).toBe('Allowed');
    expect(
      decide(
        { identity: [], session: [sess], resource: resourceFor(roleArn) },
        req({ principal: session, ...q }),
      ).blockedBy,
    ).toEqual(['session']);
  });
  it('a same-account resource policy naming the account delegates to IAM policies', () => {
    const d = decide({ identity: [], resource: resourceFor(A) }, req({ principal: user, ...q }));
    expect(d.decision).toBe('ImplicitlyDenied');
    expect(d.blockedBy).toEqual(['identity', 'resource']);
    expect(
      decide({ identity: [allowAll()], resource: resourceFor(A) }, req({ principal: user, ...q })).decision,
    ).toBe('Allowed');
  });
  it('a same-account resource policy naming the user grants without an identity policy', () => {
    expect(
      decide({ identity: [], resource: resourceFor(user) }, req({ principal: user, ...q })).decision,
    ).toBe('Allowed');
  });
});

describe('cross-account', () => {
  const other = `arn:aws:iam::${B}:user/bob`;
  const q = { action: 's3:GetObject', resource: bucket, resourceAccount: A };
  const bucketPolicy = pol('resource', [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${B}:root` },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::data-bucket/*',
    },
  ]);
  it('needs both the identity side and the resource side', () => {
    expect(
      decide({ identity: [allowAll()], resource: bucketPolicy }, req({ principal: other, ...q })).decision,
    ).toBe('Allowed');
    expect(
      decide({ identity: [], resource: bucketPolicy }, req({ principal: other, ...q })).blockedBy,
    ).toEqual(['identity']);
    expect(decide({ identity: [allowAll()] }, req({ principal: other, ...q })).blockedBy).toEqual([
      'resource',
    ]);
  });
});

describe('role trust policies', () => {
  const target = { action: 'sts:AssumeRole', resource: `arn:aws:iam::${A}:role/target`, resourceAccount: A };
  it('must allow explicitly, even in the same account', () => {
    const trustNobody = pol('trust', [
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(
      decide({ identity: [allowAll()], resource: trustNobody }, req({ principal: user, ...target }))
        .blockedBy,
    ).toEqual(['resource']);
  });
  it('naming the principal directly needs no identity policy in the same account', () => {
    const trustUser = pol('trust', [{ Effect: 'Allow', Principal: { AWS: user }, Action: 'sts:AssumeRole' }]);
    expect(decide({ identity: [], resource: trustUser }, req({ principal: user, ...target })).decision).toBe(
      'Allowed',
    );
  });
  it('naming the account needs the identity policy too', () => {
    const trustAccount = pol('trust', [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' },
    ]);
    expect(
      decide({ identity: [], resource: trustAccount }, req({ principal: user, ...target })).blockedBy,
    ).toEqual(['identity']);
    expect(
      decide({ identity: [allowAll()], resource: trustAccount }, req({ principal: user, ...target }))
        .decision,
    ).toBe('Allowed');
  });
  it('matches the service principal', () => {
    const trustEc2 = pol('trust', [
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(
      decide({ identity: [], resource: trustEc2 }, req({ principal: 'ec2.amazonaws.com', ...target }))
        .decision,
    ).toBe('Allowed');
  });
});

describe('unknown context', () => {
  it('a Deny that depends on an unknown key leaves the decision unknown and names the key', () => {
    const deny = pol(
      'identity',
      [
        {
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } },
        },
      ],
      'd',
    );
    const d = decide(
      { identity: [allowAll(), deny] },
      req({ principal: user, action: 's3:GetObject', context: { 'aws:SourceVpc': UNKNOWN } }),
    );
    expect(d).toEqual({
      decision: 'Unknown',
      blockedBy: [],
      deciding: [],
      unknownKeys: ['aws:SourceVpc'],
      blockedAt: [],
    });
  });
  it('an unknown key that cannot change the outcome does not make it unknown', () => {
    const deny = pol(
      'identity',
      [
        {
          Effect: 'Deny',
          Action: 'ec2:*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } },
        },
      ],
      'd',
    );
    const d = decide(
      { identity: [allowAll(), deny] },
      req({ principal: user, action: 's3:GetObject', context: { 'aws:SourceVpc': UNKNOWN } }),
    );
    expect(d.decision).toBe('Allowed');
  });
});

describe('RCP scope', () => {
  it('an RCP Deny on every action has no effect on a service RCPs do not govern (SNS)', () => {
    const denyAll = pol('rcp', [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }]);
    const set = { identity: [allowAll()], rcp: [{ id: 'r', policies: [denyAll] }] };
    expect(decide(set, req({ principal: user, action: 'sns:Publish' })).decision).toBe('Allowed');
    expect(decide(set, req({ principal: user, action: 's3:GetObject' })).decision).toBe('ExplicitlyDenied');
  });
});

describe('SCP exemptions', () => {
  it('service-linked roles are not restricted by SCPs', () => {
    const set = {
      identity: [allowAll()],
      scp: [{ id: 'r', policies: [pol('scp', [{ Effect: 'Deny', Action: '*', Resource: '*' }])] }],
    };
    const slr = 'arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForSupport/s';
    expect(decide(set, req({ principal: slr, action: 'support:DescribeCases' })).decision).toBe(
      'ExplicitlyDenied',
    );
    expect(
      decide(
        { ...set, principalIsServiceLinkedRole: true },
        req({ principal: slr, action: 'support:DescribeCases' }),
      ).decision,
    ).toBe('Allowed');
  });
});
