// The demo estate's expected answers (examples/demo/README.md), machine-readable for tests:
// import these instead of copying ids. demo-expectations.test.ts checks the engines against them
// and that the README tables say the same.

export const DEMO_TODAY = '2026-11-23';

export const demoIds = {
  org: 'o-a1b2c3d4e5',
  root: 'r-a1b2',
  ouInfrastructure: 'ou-a1b2-k8f3h2l9',
  ouProd: 'ou-a1b2-p4r0d7x2',
  ouSandbox: 'ou-a1b2-s4nd8b0x',
  accounts: {
    management: '111111111111',
    hub: '222222222222',
    prod: '333333333333',
    sandbox: '444444444444',
    analytics: '555555555555',
    vendor: '999999999999',
  },
  vpcs: {
    hub: 'vpc-08cd7fa2072baf59c',
    shared: 'vpc-0a565546d745fa1b4',
    prodApp: 'vpc-01a1a3f583f190061',
    prodData: 'vpc-05cce53c08129fca6',
    sandbox: 'vpc-0de72628ff24d8d9b',
    analytics: 'vpc-07b8cf2b7799e3b2e',
    vendor: 'vpc-07e1c2d3a4b5f6071',
  },
  instances: {
    prodApp1: 'i-0fe62d8cc181109c0',
    prodBatch1: 'i-0000cfbe63a32d160',
    prodApi1: 'i-0b46a8f5dd7f68491',
    prodDataPg1: 'i-02b6a8bde3c9de891',
    sshBox: 'i-0c1d2e3f4a5b6c7d8',
    web1: 'i-0165f673b344f14a8',
    jump1: 'i-00bcaca882b41dda2',
    dev1: 'i-0896593c1fc194b5d',
    ciRunner1: 'i-0aea759b1be845868',
  },
  igw: { hub: 'igw-0e94402cc613cdd74', sandbox: 'igw-0c8f0ab78052bc73e', analytics: 'igw-0b2aaaf676ad2b5d4' },
  eigw: 'eigw-0dcec9047b16b677b',
  nat: 'nat-035e68f5d0ae0b074',
  natPublicIp: '44.206.118.54',
  tgw: 'tgw-09d7f8e1f9c152c8b',
  tgwAttachments: {
    hub: 'tgw-attach-046f5f01615c55dd6',
    prodApp: 'tgw-attach-0da861079c51dda78',
    shared: 'tgw-attach-0857dd8120acd5ddf',
  },
  tgwRouteTables: { spokes: 'tgw-rtb-0495e391391f4b5ad', hub: 'tgw-rtb-01df2fc44674fc7c0' },
  peerings: {
    hubData: 'pcx-0160ad98663f212e8',
    sandboxVendor: 'pcx-0d87aacce656b392e',
    dataVendor: 'pcx-0b3e90f82fe5a1302',
  },
  endpoints: { sqs: 'vpce-082e39be8e0e403a9', sts: 'vpce-01793379328b2226b' },
  hostedZones: { sqs: 'Z04817263J4KQ2XWV8T1D', sts: 'Z09273645M1PQ8RZ3YB6C' },
  securityGroups: {
    sandboxSsh: 'sg-0e22380b3c95f9857',
    sandboxLegacySsh: 'sg-09893c30a5bce88e4',
    sandboxAlb: 'sg-03ada23670b78105c',
    sandboxWeb: 'sg-0f65ec61e7150cccb',
    analyticsDb: 'sg-0c87a417a26d5e9bf',
  },
  routeTables: { prodDataPrivate: 'rtb-045791d133bf9408c', sandboxPublic: 'rtb-0071f0495137cb528' },
  alb: 'arn:aws:elasticloadbalancing:us-east-1:444444444444:loadbalancer/app/sandbox-web-alb/8f2c6e1d0b3a4c57',
  albDns: 'sandbox-web-alb-1843927561.us-east-1.elb.amazonaws.com',
  roles: {
    prodAppBound: 'arn:aws:iam::333333333333:role/prod-app-bound',
    prodBatchUnbound: 'arn:aws:iam::333333333333:role/prod-batch-unbound',
    sandboxWeb: 'arn:aws:iam::444444444444:role/sandbox-web',
    sandboxSshBox: 'arn:aws:iam::444444444444:role/sandbox-ssh-box',
  },
} as const;

const I = demoIds;

export interface ExpectedExposure {
  readonly resourceId: string;
  readonly resourceType: string;
  readonly address: string;
  readonly protocol: string;
  readonly ports: readonly { readonly from: number; readonly to: number }[];
}

/** `perimeter exposure`: everything the internet can open a connection to (sorted by resourceId). */
export const expectedExposures: readonly ExpectedExposure[] = [
  { resourceId: I.alb, resourceType: 'load-balancer', address: I.albDns, protocol: 'tcp', ports: [{ from: 443, to: 443 }] },
  { resourceId: I.instances.web1, resourceType: 'instance', address: I.albDns, protocol: 'tcp', ports: [{ from: 443, to: 443 }] },
  {
    resourceId: I.instances.sshBox,
    resourceType: 'instance',
    address: '54.164.22.91',
    protocol: 'tcp',
    ports: [
      { from: 22, to: 22 },
      { from: 3389, to: 3389 },
    ],
  },
];

/** `perimeter egress`: subnet id → [ipv4 kind, ipv6 kind]. */
export const expectedEgress: Readonly<Record<string, readonly [string, string]>> = {
  'subnet-0928ce0eedeede7ab': ['igw', 'none'], // hub-public-a
  'subnet-0090e4f7e8ded3b4c': ['igw', 'none'], // hub-public-b
  'subnet-04d4550bb60f43d8a': ['nat', 'none'], // hub-tgw-attach-a
  'subnet-04e933a41d0a53bef': ['nat', 'none'], // hub-tgw-attach-b
  'subnet-02e30030620162174': ['none', 'none'], // hub-endpoints-a (main table)
  'subnet-060f48995836add83': ['none', 'none'], // hub-endpoints-b (main table)
  'subnet-0405206d0d878a872': ['nat', 'none'], // shared-private-a (through the TGW)
  'subnet-0f34eb7c048f08af4': ['nat', 'none'], // shared-tgw-attach-a
  'subnet-07b31a84685fad0f1': ['nat', 'none'], // shared-tgw-attach-b
  'subnet-0b2608334937d41b1': ['nat', 'none'], // prod-app-private-a (through the TGW)
  'subnet-095f32b227c85b17a': ['nat', 'none'], // prod-app-private-b
  'subnet-03439290986df2bea': ['nat', 'eigw'], // prod-app-dualstack-a
  'subnet-00075a69aed82598a': ['nat', 'none'], // prod-app-tgw-attach-a
  'subnet-00b56f829adb97265': ['nat', 'none'], // prod-app-tgw-attach-b
  'subnet-0bd492ac1c097deab': ['none', 'none'], // prod-data-private-a (0.0.0.0/0 → pcx: dead)
  'subnet-00b168340d68e533c': ['none', 'none'], // prod-data-private-b
  'subnet-09e165e1c135e0620': ['igw', 'none'], // sandbox-public-a
  'subnet-019acc16d49a960d0': ['igw', 'none'], // sandbox-public-b
  'subnet-03e354834b4ab22ac': ['igw', 'none'], // sandbox-jump-a
  'subnet-041ed2d21e27530e0': ['none', 'none'], // sandbox-private-a (main table)
  'subnet-0f99401636c44c9f0': ['none', 'none'], // analytics-data-a (IGW attached, no route)
  'subnet-0bfdb057a350fe5c6': ['none', 'none'], // analytics-data-b
};

export interface ExpectedFinding {
  readonly ruleId: string;
  readonly resourceId: string;
  readonly severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
}

/** `perimeter scan` findings (not suppressed), sorted by ruleId, resourceId, severity. */
export const expectedFindings: readonly ExpectedFinding[] = [
  { ruleId: 'cross-org-peering', resourceId: I.peerings.dataVendor, severity: 'high' },
  { ruleId: 'cross-org-peering', resourceId: I.peerings.sandboxVendor, severity: 'critical' },
  { ruleId: 'dead-default-route', resourceId: I.routeTables.prodDataPrivate, severity: 'medium' },
  { ruleId: 'ec2-credentials-unbound', resourceId: I.roles.prodBatchUnbound, severity: 'high' },
  { ruleId: 'ec2-credentials-unbound', resourceId: I.roles.sandboxSshBox, severity: 'high' },
  { ruleId: 'endpoint-bypass', resourceId: I.vpcs.shared, severity: 'medium' }, // sqs
  { ruleId: 'endpoint-bypass', resourceId: I.vpcs.shared, severity: 'medium' }, // sts
  { ruleId: 'igw-in-no-internet-zone', resourceId: I.igw.analytics, severity: 'high' },
  { ruleId: 'igw-not-prevented', resourceId: I.accounts.analytics, severity: 'high' },
  { ruleId: 'internet-exposed', resourceId: I.instances.web1, severity: 'info' },
  { ruleId: 'internet-exposed', resourceId: I.instances.sshBox, severity: 'critical' },
  { ruleId: 'peering-route-too-broad', resourceId: I.routeTables.prodDataPrivate, severity: 'low' },
  { ruleId: 'policy-lame-duck-condition', resourceId: I.roles.prodAppBound, severity: 'medium' }, // statement 0
  { ruleId: 'policy-lame-duck-condition', resourceId: I.roles.prodAppBound, severity: 'medium' }, // statement 1
  { ruleId: 'policy-lame-duck-condition', resourceId: I.roles.sandboxWeb, severity: 'high' },
  { ruleId: 'policy-lame-duck-condition', resourceId: I.endpoints.sqs, severity: 'high' },
  { ruleId: 'sg-world-open-admin-port', resourceId: I.securityGroups.sandboxLegacySsh, severity: 'medium' },
  { ruleId: 'sg-world-open-admin-port', resourceId: I.securityGroups.analyticsDb, severity: 'medium' },
  { ruleId: 'sg-world-open-admin-port', resourceId: I.securityGroups.sandboxSsh, severity: 'critical' }, // tcp/22
  { ruleId: 'sg-world-open-admin-port', resourceId: I.securityGroups.sandboxSsh, severity: 'critical' }, // tcp/3389
];

export const expectedSuppressed: readonly ExpectedFinding[] = [
  { ruleId: 'internet-exposed', resourceId: I.alb, severity: 'info' },
];

/** Suppressions past their expiry on DEMO_TODAY, with the resource they no longer hide. */
export const expectedExpiredSuppressions = [
  { ruleId: 'sg-world-open-admin-port', resource: I.securityGroups.sandboxLegacySsh, expires: '2026-01-31' },
] as const;

export interface ExpectedTrace {
  readonly from: string;
  readonly to: string;
  readonly protocol: string;
  readonly port: number;
  readonly disposition: string;
  /** Id of the first blocker (NACL, SG, route table, peering), when the flow is blocked. */
  readonly blockedBy?: string;
}

export const expectedTraces: readonly ExpectedTrace[] = [
  { from: 'internet', to: I.instances.sshBox, protocol: 'tcp', port: 22, disposition: 'accepted' },
  { from: 'internet', to: I.instances.jump1, protocol: 'tcp', port: 22, disposition: 'denied-in', blockedBy: 'acl-09dbbe0b31cbc054b' },
  { from: 'internet', to: I.instances.dev1, protocol: 'tcp', port: 22, disposition: 'null-routed' },
  { from: 'internet', to: I.instances.web1, protocol: 'tcp', port: 80, disposition: 'denied-in', blockedBy: I.securityGroups.sandboxWeb },
  { from: 'internet', to: '3.224.51.30', protocol: 'tcp', port: 5432, disposition: 'denied-out', blockedBy: 'rtb-06ef27c5ebe76b941' },
  { from: I.instances.prodDataPg1, to: 'internet', protocol: 'tcp', port: 443, disposition: 'null-routed', blockedBy: I.peerings.hubData },
  { from: I.instances.prodDataPg1, to: '10.0.20.21', protocol: 'tcp', port: 443, disposition: 'accepted' },
  { from: I.instances.prodApp1, to: 'internet', protocol: 'tcp', port: 443, disposition: 'exits-network' },
  { from: I.instances.prodApp1, to: '10.0.20.21', protocol: 'tcp', port: 443, disposition: 'accepted' },
  { from: I.instances.ciRunner1, to: 'internet', protocol: 'tcp', port: 443, disposition: 'exits-network' },
];
