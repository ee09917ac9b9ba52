import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../errors.js';

const reason = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/**
 * The data of a JSON or YAML file (YAML is a superset of JSON, but JSON files are read by JSON.parse
 * so their messages say "JSON"). `what` says what the file should hold, for the messages.
 */
export function readDataFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${what} "${path}": ${reason(e)}`);
  }
  if (text.trim() === '') throw new InputError(`${what} "${path}" is empty`);
  const json = /\.json$/i.test(path) || /^\s*[[{]/.test(text);
  try {
    return json ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (e) {
    const first = (e as Error).message.split('\n')[0].replace(/:$/, '');
    throw new InputError(`${what} "${path}" is not valid ${json ? 'JSON' : 'YAML'}: ${first}`);
  }
}
