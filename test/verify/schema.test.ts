import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resultsJsonSchema } from '../../src/verify/jsonSchema.js';

describe('schemas/results.schema.json', () => {
  it('is the JSON Schema of the zod schema the validator parses with (npm run schemas)', () => {
    expect(JSON.parse(readFileSync('schemas/results.schema.json', 'utf8'))).toEqual(resultsJsonSchema());
  });

  it('ships in the package', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.files).toContain('schemas');
  });
});
