// Writes schema/perimeter.schema.json (JSON Schema of perimeter.yaml) from the zod schema.
// A test keeps the shipped file equal to what this generates.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { intentJsonSchema } from '../src/config/intent-json-schema.js';

const out = join(import.meta.dirname, '..', 'schema', 'perimeter.schema.json');
writeFileSync(out, JSON.stringify(intentJsonSchema(), null, 2) + '\n');
console.log(`wrote ${out}`);
