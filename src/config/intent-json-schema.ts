// JSON Schema for perimeter.yaml, generated from the zod schema (editors use it for completion).
import { z } from 'zod';
import { intentSchema } from './intent.js';

export function intentJsonSchema(): Record<string, unknown> {
  const s = z.toJSONSchema(intentSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...s,
    $id: 'https://perimeter.dev/schema/perimeter.schema.json',
    title: 'perimeter intent file (perimeter.yaml)',
  };
}
