import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';

describe('perimeter program', () => {
  it('is named perimeter', () => {
    expect(buildProgram().name()).toBe('perimeter');
  });
});
