// zod schemas of IAM GetAccountAuthorizationDetails output (IAM API Reference).
import { z } from 'zod';
import { optBool, optStr, tagList } from './common.js';

/** A policy document: an object, or a (possibly URL-encoded) JSON string as the raw IAM API returns it. */
const policyDoc = z.union([z.string(), z.record(z.string(), z.unknown())], {
  error: 'expected a policy document (JSON object or JSON string)',
});

const inlinePolicy = z.looseObject({ PolicyName: z.string(), PolicyDocument: policyDoc });
const attached = z.looseObject({ PolicyArn: z.string(), PolicyName: optStr });
const boundary = z.looseObject({ PermissionsBoundaryArn: optStr }).nullish();

export const iamUserSchema = z.looseObject({
  Arn: z.string(),
  UserName: z.string(),
  UserId: optStr,
  Path: optStr,
  UserPolicyList: z.array(inlinePolicy).nullish(),
  AttachedManagedPolicies: z.array(attached).nullish(),
  GroupList: z.array(z.string()).nullish(),
  PermissionsBoundary: boundary,
  Tags: tagList,
});

export const iamGroupSchema = z.looseObject({
  Arn: z.string(),
  GroupName: z.string(),
  Path: optStr,
  GroupPolicyList: z.array(inlinePolicy).nullish(),
  AttachedManagedPolicies: z.array(attached).nullish(),
});

export const instanceProfileSchema = z.looseObject({
  Arn: z.string(),
  InstanceProfileName: z.string(),
  Roles: z.array(z.looseObject({ Arn: z.string() })).nullish(),
});

export const iamRoleSchema = z.looseObject({
  Arn: z.string(),
  RoleName: z.string(),
  RoleId: optStr,
  Path: optStr,
  AssumeRolePolicyDocument: policyDoc.nullish(),
  RolePolicyList: z.array(inlinePolicy).nullish(),
  AttachedManagedPolicies: z.array(attached).nullish(),
  PermissionsBoundary: boundary,
  InstanceProfileList: z.array(instanceProfileSchema).nullish(),
  Tags: tagList,
});

export const iamManagedPolicySchema = z.looseObject({
  Arn: z.string(),
  PolicyName: z.string(),
  DefaultVersionId: optStr,
  PolicyVersionList: z
    .array(z.looseObject({ VersionId: optStr, IsDefaultVersion: optBool, Document: policyDoc.nullish() }))
    .nullish(),
});
