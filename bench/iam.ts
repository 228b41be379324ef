// IAM engine benchmark: a realistic mix of requests against an SCP chain (root → OU → account, with
// the AWS data-perimeter style Deny conditions), identity policies (including the seed-001 binding
// Deny), a resource policy and a VPC endpoint policy with conditions.
// Prints, single-threaded: compile time, decisions/s on cached compiled policies, decisions/s
// including request-context construction, and the ratio against a naive baseline measured in the
// same run (parse + compile every policy for every decision, as an uncompiled evaluator would).
// Targets: ≥ 1,000,000 decisions/s cached, ≥ 200,000/s with context construction.
// Run: npm run bench:iam
import { compileDocument, type CompiledPolicy } from '../src/iam/compile.js';
import { requestContextMap, type Credential, type NetworkPath } from '../src/iam/context.js';
import { evaluate, type PolicySet } from '../src/iam/evaluate.js';
import { parsePrincipalArn } from '../src/iam/principal.js';
import { makeRequest, type AuthzRequest } from '../src/iam/request.js';
import type { PolicyType } from '../src/iam/types.js';

const V = '2012-10-17';
const ACCOUNT = '111122223333';
const ORG = 'o-abc123defg';

const docs = {
  full: { Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  denyIgw: {
    Version: V,
    Statement: [
      {
        Sid: 'NoIgw',
        Effect: 'Deny',
        Action: [
          'ec2:AttachInternetGateway',
          'ec2:CreateInternetGateway',
          'ec2:CreateEgressOnlyInternetGateway',
        ],
        Resource: '*',
        Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/network-admin' } },
      },
    ],
  },
  networkPerimeter: {
    Version: V,
    Statement: [
      {
        Sid: 'EnforceNetworkPerimeter',
        Effect: 'Deny',
        NotAction: ['es:ES*', 'dax:*', 'neptune-db:*', 'kafka-cluster:*', 'rds-db:connect'],
        Resource: '*',
        Condition: {
          BoolIfExists: { 'aws:ViaAWSService': 'false' },
          NotIpAddressIfExists: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] },
          StringNotEqualsIfExists: { 'aws:SourceVpc': ['vpc-app', 'vpc-hub'] },
          ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:user/*'] },
        },
      },
      {
        Sid: 'RegionLock',
        Effect: 'Deny',
        NotAction: ['iam:*', 'sts:*', 'cloudfront:*', 'route53:*', 'support:*'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
      },
    ],
  },
  identityApp: {
    Version: V,
    Statement: [
      {
        Sid: 'Queues',
        Effect: 'Allow',
        Action: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'],
        Resource: 'arn:aws:sqs:us-east-1:111122223333:app-*',
      },
      {
        Sid: 'Read',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: ['arn:aws:s3:::app-data', 'arn:aws:s3:::app-data/${aws:PrincipalTag/team}/*'],
      },
      {
        Sid: 'Kms',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } },
      },
      { Sid: 'NoDelete', Effect: 'Deny', Action: 's3:Delete*', Resource: '*' },
    ],
  },
  binding: {
    Version: V,
    Statement: [
      {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          StringNotEquals: { 'aws:ec2InstanceSourceVPC': '${aws:SourceVpc}' },
          Null: { 'ec2:SourceInstanceARN': 'false' },
          BoolIfExists: { 'aws:ViaAWSService': 'false' },
        },
      },
      {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          StringNotEquals: { 'aws:ec2InstanceSourcePrivateIPv4': '${aws:VpcSourceIp}' },
          Null: { 'ec2:SourceInstanceARN': 'false' },
          BoolIfExists: { 'aws:ViaAWSService': 'false' },
        },
      },
    ],
  },
  bucket: {
    Version: V,
    Statement: [
      {
        Sid: 'OrgOnly',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::app-data', 'arn:aws:s3:::app-data/*'],
        Condition: {
          StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      },
      {
        Sid: 'App',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app` },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::app-data/*',
      },
    ],
  },
  endpoint: {
    Version: V,
    Statement: [
      {
        Sid: 'OrgToOrg',
        Effect: 'Allow',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:ResourceOrgID': ORG } },
      },
      {
        Sid: 'Services',
        Effect: 'Allow',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } },
      },
      {
        Sid: 'AppSubnets',
        Effect: 'Allow',
        Principal: '*',
        Action: ['s3:GetObject', 'sqs:*'],
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:EC2InstanceSourceVPC': 'vpc-app' },
          IpAddress: { 'aws:EC2InstanceSourcePrivateIPv4': ['10.0.1.0/24', '10.0.2.0/24'] },
        },
      },
    ],
  },
} as const;

type Doc = { readonly Version: string; readonly Statement: readonly unknown[] };
interface RawSet {
  scp: { id: string; docs: Doc[] }[];
  identity: Doc[];
  resource: Doc;
  endpoint: Doc;
}
const raw: RawSet = {
  scp: [
    { id: 'r-root', docs: [docs.full] },
    { id: 'ou-prod', docs: [docs.full, docs.denyIgw, docs.networkPerimeter] },
    { id: ACCOUNT, docs: [docs.full] },
  ],
  identity: [docs.identityApp, docs.binding],
  resource: docs.bucket,
  endpoint: docs.endpoint,
};

function compileSet(r: RawSet): PolicySet {
  const c = (d: Doc, t: PolicyType, n: string): CompiledPolicy => compileDocument(d, t, n);
  return {
    identity: r.identity.map((d, i) => c(d, 'identity', `id-${i}`)),
    scp: r.scp.map((l) => ({ id: l.id, policies: l.docs.map((d, i) => c(d, 'scp', `${l.id}-${i}`)) })),
    resource: c(r.resource, 'resource', 'bucket'),
    endpoint: [c(r.endpoint, 'vpce', 'ep')],
  };
}

// The request mix: actions × resources × credential/path combinations.
const actions: [string, string][] = [
  ['s3:GetObject', 'arn:aws:s3:::app-data/blue/report.csv'],
  ['s3:GetObject', 'arn:aws:s3:::app-data/red/x'],
  ['s3:DeleteObject', 'arn:aws:s3:::app-data/blue/x'],
  ['sqs:SendMessage', 'arn:aws:sqs:us-east-1:111122223333:app-orders'],
  ['sqs:SendMessage', 'arn:aws:sqs:us-east-1:111122223333:other'],
  ['kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/1'],
  ['ec2:CreateInternetGateway', '*'],
  ['iam:PassRole', 'arn:aws:iam::111122223333:role/x'],
];
const cred: Credential = {
  kind: 'ec2-instance-role',
  roleArn: `arn:aws:iam::${ACCOUNT}:role/app`,
  sessionArn: `arn:aws:sts::${ACCOUNT}:assumed-role/app/i-0abc`,
  instanceArn: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`,
  instanceVpcId: 'vpc-app',
  instancePrivateIp: '10.0.1.10',
  tags: { team: 'blue' },
};
const netPaths: [NetworkPath, boolean][] = [
  [{ kind: 'endpoint', endpointVpcId: 'vpc-app', endpointId: 'vpce-1', vpcSourceIp: '10.0.1.10' }, false],
  [{ kind: 'internet', sourceIp: '198.51.100.20' }, false],
  [{ kind: 'endpoint', endpointVpcId: 'vpc-hub', endpointId: 'vpce-hub', vpcSourceIp: '10.0.1.10' }, false],
  [{ kind: 'internet', sourceIp: '192.0.2.1' }, true],
];
const principal = parsePrincipalArn(cred.sessionArn, { roleArn: cred.roleArn });

function buildRequest(i: number): AuthzRequest {
  const [action, resource] = actions[i % actions.length]!;
  const [path, via] = netPaths[Math.floor(i / actions.length) % netPaths.length]!;
  const context = requestContextMap({
    credential: cred,
    path,
    viaAwsService: via,
    principalOrgId: ORG,
    requestedRegion: 'us-east-1',
  });
  context.set('aws:resourceorgid', [ORG]);
  context.set('aws:resourceaccount', [ACCOUNT]);
  if (action === 'kms:Decrypt') context.set('kms:viaservice', ['sqs.us-east-1.amazonaws.com']);
  return makeRequest({ principal, action, resource, resourceAccount: ACCOUNT, context, deriveKeys: false });
}

const combos = actions.length * netPaths.length;
const requests = Array.from({ length: combos }, (_, i) => buildRequest(i));

function time<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t0) / 1e9];
}

// The machine may be shared: rates are per second of this process's CPU time (single thread),
// with wall-clock time shown beside them.
function rate(label: string, n: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(n, 20_000); i++) fn(i); // warm-up
  const cpu0 = process.cpuUsage();
  const [, s] = time(() => {
    for (let i = 0; i < n; i++) fn(i);
  });
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const perSec = n / cpuS;
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US').padStart(12);
  console.log(
    `${label.padEnd(52)} ${fmt(perSec)} decisions/CPU-s  (${fmt(n / s)} /wall-s; ${n.toLocaleString('en-US')} in ${cpuS.toFixed(3)} CPU-s)`,
  );
  return perSec;
}

// Compile time.
const [set, compileS] = time(() => compileSet(raw));
const statements = [
  ...set.identity,
  ...(set.scp ?? []).flatMap((l) => l.policies),
  set.resource!,
  ...(set.endpoint ?? []),
].reduce((n, p) => n + p.statements.length, 0);
const [, compile1000] = time(() => {
  for (let i = 0; i < 1000; i++) compileSet(raw);
});
console.log(
  `policy set: ${statements} statements in ${2 + 5 + 1 + 1} policies (3 SCP levels, 2 identity, resource, endpoint); ${combos} distinct requests`,
);
console.log(`compile (first, cold)                                ${(compileS * 1000).toFixed(2)} ms`);
console.log(`compile (warm, per policy set)                       ${compile1000.toFixed(3)} ms`);

// Decision mix sanity: show the distribution once.
const dist = new Map<string, number>();
for (const r of requests) {
  const d = evaluate(set, r).decision;
  dist.set(d, (dist.get(d) ?? 0) + 1);
}
console.log(
  `decision mix over the ${combos} requests: ${[...dist]
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);

const N = 2_000_000;
const cached = rate('cached compiled policies', N, (i) => evaluate(set, requests[i % combos]!));
// IAM_BENCH_ONLY=cached runs only the cached loop (for profiling).
const only = process.env.IAM_BENCH_ONLY;
const withCtx = only
  ? 1
  : rate('including request-context construction', N / 4, (i) => evaluate(set, buildRequest(i)));
const naive = only
  ? 1
  : rate('baseline: parse + compile per decision (uncompiled)', 20_000, (i) =>
      evaluate(compileSet(raw), requests[i % combos]!),
    );

console.log('');
console.log(`cached vs baseline:                 ${(cached / naive).toFixed(0)}x`);
console.log(`with context vs baseline:           ${(withCtx / naive).toFixed(0)}x`);
console.log(
  `targets: cached ≥ 1,000,000/s ${cached >= 1_000_000 ? 'met' : 'NOT met'}; with context ≥ 200,000/s ${withCtx >= 200_000 ? 'met' : 'NOT met'}`,
);
