import { z } from 'zod';
import { VERSION } from '../version.js';
import { resultsFileSchema } from './resultsFile.js';

/**
 * The results file as a JSON Schema (draft 2020-12), generated from the zod schema the validator
 * parses with, so the two cannot drift apart; shipped as schemas/results.schema.json. Checks the
 * validator makes across fields (entry in range, equal input lengths, widths matching depth) are
 * beyond JSON Schema and are only in `ntkcalc validate`.
 */
export function resultsJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(resultsFileSchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'ntkcalc results file',
    description:
      `Results of a simulation of finite MLPs for ntkcalc validate (ntkcalc ${VERSION}); ` + 'see docs/validate.md.',
  };
}

export function resultsJsonSchemaText(): string {
  return `${JSON.stringify(resultsJsonSchema(), null, 2)}\n`;
}
