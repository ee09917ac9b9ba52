import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { mergePartials } from '../montecarlo/simulation.js';
import { addOutputOptions, type OutputOptions } from './options.js';
import { printSimulation } from './simulate.js';

interface MergeOptions extends OutputOptions {
  out?: string;
}

function readPartial(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(
      `cannot read partial result "${path}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(`"${path}" is not a partial result of ntkcalc simulate --shard (not valid JSON)`);
  }
}

export function register(program: Command): void {
  const cmd = program
    .command('merge')
    .description(
      'combine the partial results of `ntkcalc simulate --shard i/k` into exactly the result of the unsharded run',
    )
    .addHelpText(
      'after',
      '\nExample:\n  for i in 1 2 3 4; do ntkcalc simulate --width 256 --depth 4 --x 1,0 --samples 100000 --shard ' +
        '$i/4 --out part$i.json; done\n  ntkcalc merge part1.json part2.json part3.json part4.json --json --out ' +
        'run.json',
    )
    .argument('<files...>', 'partial result files, one per shard');
  addOutputOptions(cmd, { out: true }).action((files: string[], o: MergeOptions) => {
    printSimulation(mergePartials(files.map(readPartial), files), o, o.out);
  });
}
