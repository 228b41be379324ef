// Minified JSON and its size. The bytes we write are the bytes we measure: JSON.stringify with no
// whitespace keeps object keys in insertion order, and every builder inserts keys in a fixed
// order, so the same intent gives the same bytes.
import type { PolicyJson, PolicyStatement } from './types.js';

export function minify(document: PolicyJson): string {
  return JSON.stringify(document);
}

const encoder = new TextEncoder();

export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** Bytes a statement adds to a policy's Statement array (its JSON plus the separating comma). */
export function statementBytes(statement: PolicyStatement): number {
  return utf8Bytes(JSON.stringify(statement)) + 1;
}

/** Bytes of a policy with no statements: `{"Version":"2012-10-17","Statement":[]}`. */
export const emptyPolicyBytes = utf8Bytes(minify({ Version: '2012-10-17', Statement: [] }));
