// All files of one `perimeter generate` run for a format, sorted by path.
import type { GenerationResult } from '../generate.js';
import { cdkFiles } from './cdk.js';
import { cloudFormationFiles } from './cloudformation.js';
import { policyFiles } from './json.js';
import type { OutputFile } from './model.js';
import { terraformFiles } from './terraform.js';

export const outputFormats = ['json', 'cloudformation', 'terraform', 'cdk'] as const;
export type OutputFormat = (typeof outputFormats)[number];

export function renderOutputs(result: GenerationResult, format: OutputFormat): OutputFile[] {
  const files = [...policyFiles(result)];
  if (format === 'cloudformation') files.push(...cloudFormationFiles(result));
  if (format === 'terraform') files.push(...terraformFiles(result));
  if (format === 'cdk') files.push(...cdkFiles(result));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export type { OutputFile };
