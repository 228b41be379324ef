// The role the detector/remediator assumes in each member account (src/events/aws-sdk-port.ts,
// sdkPortFactory: sts:AssumeRole on arn:aws:iam::<account>:role/<PERIMETER_ROLE_NAME>, no
// ExternalId, default 1-hour session). Deploy it in every member account: by hand (`cdk deploy`
// with CLI credentials, no bootstrap needed) or as a CloudFormation StackSet with service-managed
// permissions over OUs (the synthesized template has no parameters, assets or bootstrap rule).
//
// Trust: only the detector function's execution role (an exact role ARN, never an account root),
// optionally only from inside the organization (aws:PrincipalOrgID) and with an external id.
// Permissions: exactly the EC2 calls the port makes (EC2_DESCRIBE_ACTIONS, EC2_REMEDIATION_ACTIONS
// in src/events/aws-port.ts, checked against the port's source by a test). SNS escalations are
// published from the home account with the function's own credentials, so no sns:* here.
import {
  Aws,
  CfnOutput,
  CliCredentialsStackSynthesizer,
  Duration,
  Stack,
  Tags,
  Token,
  type StackProps,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import {
  EC2_DESCRIBE_ACTIONS,
  EC2_REMEDIATION_ACTIONS,
  type Ec2RemediationAction,
} from '../../src/events/aws-port.js';

/**
 * The member role's name, the same in every account. The detector stack's PERIMETER_ROLE_NAME
 * default (and its sts:AssumeRole resource) is this constant.
 */
export const PERIMETER_MEMBER_ROLE_NAME = 'PerimeterRemediator';

/**
 * The EC2 resource types each remediation action authorizes, from the Service Authorization
 * Reference (Actions table, "Resource types" column; "*" = required):
 *   DeleteInternetGateway       internet-gateway*
 *   DeleteRoute                 route-table*
 *   DeleteVpcPeeringConnection  vpc-peering-connection*
 *   DetachInternetGateway       internet-gateway*, vpc*
 *   RejectVpcPeeringConnection  vpc-peering-connection*
 *   RevokeSecurityGroupIngress  security-group*, security-group-rule
 * All Describe* actions list no resource type: they need Resource "*".
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 * A Record over the declared action list: a new remediation action in src/events/aws-port.ts does
 * not typecheck until its resource types are written down here.
 */
export const REMEDIATION_RESOURCE_TYPES: Readonly<Record<Ec2RemediationAction, readonly string[]>> = {
  'ec2:DeleteInternetGateway': ['internet-gateway'],
  'ec2:DeleteRoute': ['route-table'],
  'ec2:DeleteVpcPeeringConnection': ['vpc-peering-connection'],
  'ec2:DetachInternetGateway': ['internet-gateway', 'vpc'],
  'ec2:RejectVpcPeeringConnection': ['vpc-peering-connection'],
  'ec2:RevokeSecurityGroupIngress': ['security-group', 'security-group-rule'],
};

/**
 * Resource types that are not restricted to this account or by tag. A peering connection has two
 * owners and is created by the requester, possibly outside the organization: which account its
 * ARN carries when we are the accepter is not something we can rely on, and its tags are set by
 * whoever created it. The APIs themselves only let a party to the peering reject/delete it
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpcPeeringConnection.html).
 * A security group rule is an optional resource of RevokeSecurityGroupIngress; the group (tag
 * condition applies) is the required one.
 */
const ANY_ACCOUNT_TYPES = new Set(['vpc-peering-connection']);
const UNTAGGED_TYPES = new Set(['vpc-peering-connection', 'security-group-rule']);

const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
const POLICY_ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f):iam::(\d{12}|aws):policy\/[\w+=,.@/-]{1,512}$/;
/** Same pattern as src/config/intent.ts organizationId. */
const ORG_ID = /^o-[a-z0-9]{10,32}$/;
/** sts:AssumeRole ExternalId: 2–1224 characters of [\w+=,.@:/-]. https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
/** Role names: 1–64 of [\w+=,.@-]. https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** Tag keys up to 128, values up to 256 characters. https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html */
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

export interface PerimeterMemberRoleStackProps extends StackProps {
  /** The detector function's execution role in the security/tooling account (the only principal trusted). */
  readonly detectorRoleArn: string;
  /** When given, the caller must belong to this organization (aws:PrincipalOrgID), e.g. intent organizationId. */
  readonly organizationId?: string;
  /**
   * When given, AssumeRole must pass this ExternalId: give the detector stack the same value
   * (`memberExternalId`, PERIMETER_EXTERNAL_ID), which the port sends.
   */
  readonly externalId?: string;
  /**
   * Default 1 hour (what the port asks for by default); 1 to 12 hours. The Lambda's AssumeRole is
   * role chaining (its own credentials come from a role), which AWS caps at 1 hour whatever this
   * says: a longer maximum only serves other callers.
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
   */
  readonly maxSessionDuration?: Duration;
  /** A managed policy ARN set as the role's permissions boundary (e.g. one your SCPs require). */
  readonly permissionsBoundaryArn?: string;
  /**
   * Only remediate resources carrying this tag (aws:ResourceTag on internet gateways, VPCs, route
   * tables, security groups — every account-owned resource an action evaluates must carry it).
   * Not applied to peering connections (created by the requester) or security group rules.
   */
  readonly remediableTag?: { readonly key: string; readonly value: string };
  /** Default PERIMETER_MEMBER_ROLE_NAME; must equal the detector's PERIMETER_ROLE_NAME. */
  readonly roleName?: string;
}

function check(ok: boolean, what: string, found: string, expected: string): void {
  if (!ok) throw new Error(`${what}: ${JSON.stringify(found)} (expected ${expected})`);
}

export function validateMemberRoleProps(p: PerimeterMemberRoleStackProps): void {
  if (!Token.isUnresolved(p.detectorRoleArn)) {
    check(
      ROLE_ARN.test(p.detectorRoleArn),
      'detectorRoleArn',
      p.detectorRoleArn,
      'an IAM role ARN like arn:aws:iam::111122223333:role/PerimeterDetector-HandlerRole-ABC (a role, not an account root or user)',
    );
  }
  if (p.organizationId !== undefined)
    check(
      ORG_ID.test(p.organizationId),
      'organizationId',
      p.organizationId,
      'an organization id like o-abc123defg',
    );
  if (p.externalId !== undefined)
    check(
      EXTERNAL_ID.test(p.externalId),
      'externalId',
      p.externalId,
      '2 to 1224 characters of letters, digits and +=,.@:/-_',
    );
  if (p.permissionsBoundaryArn !== undefined && !Token.isUnresolved(p.permissionsBoundaryArn))
    check(
      POLICY_ARN.test(p.permissionsBoundaryArn),
      'permissionsBoundaryArn',
      p.permissionsBoundaryArn,
      'a managed policy ARN like arn:aws:iam::111122223333:policy/Boundary',
    );
  if (p.roleName !== undefined)
    check(
      ROLE_NAME.test(p.roleName),
      'roleName',
      p.roleName,
      '1 to 64 characters of letters, digits and +=,.@-_',
    );
  if (p.maxSessionDuration !== undefined) {
    const s = p.maxSessionDuration.toSeconds();
    check(
      s >= 3600 && s <= 43200,
      'maxSessionDuration',
      `${s} seconds`,
      'between 3600 and 43200 seconds: the port asks for the default 1-hour session, which fails on a shorter maximum',
    );
  }
  if (p.remediableTag !== undefined) {
    check(
      TAG_KEY.test(p.remediableTag.key) && !p.remediableTag.key.startsWith('aws:'),
      'remediableTag.key',
      p.remediableTag.key,
      'a tag key of 1 to 128 characters, not starting with aws:',
    );
    check(
      TAG_VALUE.test(p.remediableTag.value),
      'remediableTag.value',
      p.remediableTag.value,
      'a tag value of up to 256 characters',
    );
  }
}

/** The resource ARN patterns one remediation action is allowed on, in the account the stack is deployed to. */
function resourceArns(types: readonly string[]): string[] {
  return types.map(
    (t) => `arn:${Aws.PARTITION}:ec2:*:${ANY_ACCOUNT_TYPES.has(t) ? '*' : Aws.ACCOUNT_ID}:${t}/*`,
  );
}

/** "ec2:DeleteInternetGateway" → "DeleteInternetGateway" (+ suffix): statement ids are alphanumeric. */
function sid(action: string, suffix = ''): string {
  return action.replace(/^ec2:/, '') + suffix;
}

export class PerimeterMemberRoleStack extends Stack {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: PerimeterMemberRoleStackProps) {
    // No assets, no bootstrap version rule/parameter: the template deploys as-is in accounts that
    // were never bootstrapped, through `cdk deploy` or a StackSet.
    super(scope, id, { synthesizer: new CliCredentialsStackSynthesizer(), ...props });
    validateMemberRoleProps(props);

    const conditions: Record<string, string> = {
      ...(props.organizationId ? { 'aws:PrincipalOrgID': props.organizationId } : {}),
      ...(props.externalId ? { 'sts:ExternalId': props.externalId } : {}),
    };
    const statements = [
      new iam.PolicyStatement({ sid: 'Describe', actions: [...EC2_DESCRIBE_ACTIONS], resources: ['*'] }),
    ];
    for (const action of EC2_REMEDIATION_ACTIONS) {
      const types = REMEDIATION_RESOURCE_TYPES[action];
      const tagged = props.remediableTag ? types.filter((t) => !UNTAGGED_TYPES.has(t)) : [];
      const untagged = types.filter((t) => !tagged.includes(t));
      if (tagged.length > 0 && props.remediableTag) {
        statements.push(
          new iam.PolicyStatement({
            sid: sid(action, 'Tagged'),
            actions: [action],
            resources: resourceArns(tagged),
            conditions: {
              StringEquals: { [`aws:ResourceTag/${props.remediableTag.key}`]: props.remediableTag.value },
            },
          }),
        );
      }
      if (untagged.length > 0) {
        statements.push(
          new iam.PolicyStatement({ sid: sid(action), actions: [action], resources: resourceArns(untagged) }),
        );
      }
    }

    const principal = new iam.ArnPrincipal(props.detectorRoleArn);
    this.role = new iam.Role(this, 'RemediatorRole', {
      roleName: props.roleName ?? PERIMETER_MEMBER_ROLE_NAME,
      description:
        'perimeter: assumed by the detector/remediator in the security account; EC2 describe and remediate only',
      assumedBy:
        Object.keys(conditions).length > 0
          ? principal.withConditions({ StringEquals: conditions })
          : principal,
      // Inline (AWS::IAM::Role Policies): it lives and dies with the role, nothing else can attach it.
      inlinePolicies: { 'perimeter-remediator': new iam.PolicyDocument({ statements }) },
      maxSessionDuration: props.maxSessionDuration ?? Duration.hours(1),
      ...(props.permissionsBoundaryArn
        ? {
            permissionsBoundary: iam.ManagedPolicy.fromManagedPolicyArn(
              this,
              'PermissionsBoundary',
              props.permissionsBoundaryArn,
            ),
          }
        : {}),
    });

    // Stack tags reach resources only when CloudFormation is given them (cdk deploy does, a StackSet
    // takes its own --tags): written on the role itself so the template carries them either way.
    for (const [k, v] of Object.entries(props.tags ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      Tags.of(this.role).add(k, v);
    Tags.of(this.role).add('perimeter:component', 'member-remediation-role');
    new CfnOutput(this, 'RoleArn', { value: this.role.roleArn });
  }
}
