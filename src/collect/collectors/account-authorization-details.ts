// IAM: GetAccountAuthorizationDetails (global), every page merged into one document with the
// four lists, written to accounts/<id>/global/. Policy documents arrive URL-encoded from the API;
// they are decoded to JSON objects, as the AWS CLI prints them.
import {
  GetAccountAuthorizationDetailsCommand,
  paginateGetAccountAuthorizationDetails,
} from '@aws-sdk/client-iam';
import { allPages, type Collector, type Rec } from '../collector.js';

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;
const DOCUMENT_FIELDS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Document']);

/** A URL-encoded policy JSON string → the parsed document; anything else unchanged. */
export function decodePolicyDocument(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    const text = value.trimStart().startsWith('{') ? value : decodeURIComponent(value);
    return JSON.parse(text) as unknown;
  } catch {
    return value; // not a document we can read: keep the raw string (the loader reports it)
  }
}

function decodeDocuments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeDocuments);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Rec = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = DOCUMENT_FIELDS.has(k) ? decodePolicyDocument(v) : decodeDocuments(v);
  }
  return out;
}

export const accountAuthorizationDetails: Collector = {
  name: 'AccountAuthorizationDetails',
  keys: [...LISTS],
  service: 'iam',
  scope: 'global',
  commands: [GetAccountAuthorizationDetailsCommand],
  async collect(run) {
    const pages = await allPages(
      run,
      GetAccountAuthorizationDetailsCommand,
      paginateGetAccountAuthorizationDetails({ client: run.client('iam') }, {}),
    );
    const data: Rec = {};
    const items: Rec[] = [];
    for (const list of LISTS) {
      const merged = pages.flatMap((p) => (p[list] ?? []).map((x) => decodeDocuments(x) as Rec));
      data[list] = merged;
      items.push(...merged);
    }
    return { documents: [{ file: 'AccountAuthorizationDetails.json', data }], items };
  },
};
