// Finds and validates the intent file: --config FILE, else perimeter.yaml next to the snapshot.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { emptyIntent, validateIntent, type Intent } from '../config/intent.js';
import { UsageError } from './errors.js';

export interface LoadedIntent {
  readonly intent: Intent;
  readonly file?: string;
}

export function readIntentFile(file: string): Intent {
  if (!existsSync(file)) throw new UsageError(`${file}: intent file not found`);
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` (line ${err.linePos[0].line})` : '';
    throw new UsageError(
      `${file}${where}: not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    );
  }
  const r = validateIntent(data);
  if ('issues' in r) {
    throw new UsageError(
      `${file}: invalid intent file:\n` +
        r.issues.map((i) => `  ${file}: ${i.path}: ${i.message}`).join('\n'),
    );
  }
  return r.intent;
}

export function loadIntent(snapshotRoot: string, configFlag: string | undefined): LoadedIntent {
  if (configFlag !== undefined) return { intent: readIntentFile(configFlag), file: configFlag };
  for (const name of ['perimeter.yaml', 'perimeter.yml']) {
    const candidate = join(snapshotRoot, name);
    if (existsSync(candidate)) return { intent: readIntentFile(candidate), file: candidate };
  }
  return { intent: emptyIntent() };
}
