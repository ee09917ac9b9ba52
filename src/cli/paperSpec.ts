import { type Command, Option } from 'commander';
import { InputError } from '../errors.js';
import { readDataFile } from '../spec/file.js';
import { specJson } from '../spec/json.js';
import type { NetworkSpec } from '../spec/network.js';
import { parseNetwork } from '../spec/schema.js';

/**
 * --spec FILE on a command that computes one paper's network (hanin-nica, dispersion, finite-width,
 * spectrum, phase): the file holds a network in the schema's form and it takes the place of the
 * options it `supplies` (they exclude each other; a mandatory one among them is then not required).
 */
export function addPaperSpecOption(cmd: Command, network: string, supplies: readonly string[]): Command {
  return cmd.addOption(
    new Option(
      '--spec <file>',
      `the network from a JSON or YAML spec file (docs/spec.md), which must be ${network}; ` +
        'the "spec" of this command\'s --json output is one',
    ).conflicts([...supplies]),
  );
}

/**
 * The network of a spec file, which must be the network the command computes: `expected` builds it
 * from the fields the command reads off the file, and the first field of the output form that
 * differs is refused by name, with the value it should have as the example. `whose` names the
 * network ("the Hanin-Nica network's"), `computes` says what the command computes.
 */
export function paperNetwork(
  file: string,
  whose: string,
  computes: string,
  expected: (spec: NetworkSpec) => NetworkSpec,
): NetworkSpec {
  const spec = parseNetwork(readDataFile(file, 'spec file'), file);
  const want = specJson(expected(spec));
  const have: Record<string, unknown> = specJson(spec);
  const comparable = (k: keyof typeof want, v: unknown) =>
    JSON.stringify(k === 'activation' ? [(v as typeof want.activation)?.a, (v as typeof want.activation)?.b] : v);
  const key = (Object.keys(want) as (keyof typeof want)[]).find(
    (k) => comparable(k, have[k]) !== comparable(k, want[k]),
  );
  if (key === undefined) return spec;
  const example = `e.g. "${key}": ${JSON.stringify(want[key])}`;
  if (have[key] === undefined) throw new InputError(`${file}: ${key} is missing; ${computes}, ${example}`);
  throw new InputError(`${file}: ${key} ${JSON.stringify(have[key])} is not ${whose}; ${computes}, ${example}`);
}
