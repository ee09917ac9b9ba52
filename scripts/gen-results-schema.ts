import { mkdirSync, writeFileSync } from 'node:fs';
import { resultsJsonSchemaText } from '../src/verify/jsonSchema.js';

/** Writes schemas/results.schema.json; test/verify/schema.test.ts fails when the shipped file is stale. */
mkdirSync('schemas', { recursive: true });
writeFileSync('schemas/results.schema.json', resultsJsonSchemaText());
