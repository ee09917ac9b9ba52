import { type Command, Option } from 'commander';
import { InputError } from '../errors.js';
import { phaseOf } from '../kernels/phase.js';
import type { Table } from '../report/model.js';
import { parseRational } from '../util/exact.js';
import { VERSION } from '../version.js';
import { describeActivation } from './constants.js';
import { exactAndValue } from './exactText.js';
import {
  type ActivationOptions,
  activationFromOptions,
  addActivationOptions,
  addOutputOptions,
  fmt,
  type OutputOptions,
} from './options.js';
import { emit } from './output.js';
import { addPaperSpecOption, paperNetwork } from './paperSpec.js';

function variance(text: string, name: string) {
  const v = parseRational(text, name);
  if (v.compare(0) < 0) throw new InputError(`${name}: ${v.toFraction()} is negative; a variance must be >= 0`);
  return v;
}

export function register(program: Command): void {
  const cmd = program
    .command('phase')
    .description(
      'chi_1, the variance fixed point q*, the phase (ordered, edge of chaos, chaotic) and depth scales of an ' +
        'initialisation',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  ntkcalc phase --activation relu --sw2 2 --sb2 0\n  ntkcalc phase --activation abs --sw2 0.9 ' +
        '--sb2 0.1 --json',
    );
  addActivationOptions(cmd)
    .addOption(
      new Option('--sw2 <s>', 'the weight gain sigma_w^2, exact: 2, 0.9, 200/101 (e.g. --sw2 2)').makeOptionMandatory(),
    )
    .option('--sb2 <s>', 'bias variance sigma_b^2', '0');
  addPaperSpecOption(cmd, 'a network with one sigma_w^2 and one sigma_b^2 on every layer', [
    'activation',
    'a',
    'b',
    'sw2',
    'sb2',
  ]);
  addOutputOptions(cmd).action((o: ActivationOptions & OutputOptions & { spec?: string; sw2: string; sb2: string }) => {
    // The phase is a property of one gain and one bias variance repeated on every layer.
    const net =
      o.spec === undefined
        ? undefined
        : paperNetwork(o.spec, 'one value on every layer', 'phase takes one sigma_w^2 and one sigma_b^2', (s) => ({
            ...s,
            layers: s.layers.map(() => s.layers[0]),
          }));
    const act = net?.activation ?? activationFromOptions(o);
    const sw2 = net?.layers[0].sigmaW2 ?? variance(o.sw2, '--sw2');
    const sb2 = net?.layers[0].sigmaB2 ?? variance(o.sb2, '--sb2');
    const p = phaseOf(act, sw2, sb2);
    const json = () => ({
      version: VERSION,
      activation: { name: act.name, a: act.a.toFraction(), b: act.b.toFraction() },
      sigma_w2: sw2.toFraction(),
      sigma_b2: sb2.toFraction(),
      chi1: p.chi1,
      chi1_exact: p.chi1Exact,
      qstar: p.qstar,
      variance: p.variance,
      variance_note: p.varianceNote,
      phase: p.phase,
      rule: p.rule,
      correlation_depth_scale: p.correlationDepthScale,
      correlation_note: p.correlationNote,
      variance_depth_scale: p.varianceDepthScale,
    });
    const rows = [
      ['chi_1 = sigma_w^2 A_2', exactAndValue(p.chi1Exact, p.chi1)],
      ['phase', p.phase === 'eoc' ? 'edge of chaos' : p.phase],
      ['q* (variance fixed point)', p.qstar === null ? p.varianceNote : `${fmt(p.qstar, 15)} (${p.varianceNote})`],
      [
        'correlation depth scale',
        p.correlationDepthScale === null ? 'none (infinite)' : fmt(p.correlationDepthScale, 10),
      ],
      [
        'variance depth scale 1/|ln chi_1|',
        p.varianceDepthScale === null ? 'none (chi_1 = 1)' : fmt(p.varianceDepthScale, 10),
      ],
    ];
    const head = `${describeActivation(act)}; sigma_w^2 = ${sw2.toFraction()}, sigma_b^2 = ${sb2.toFraction()}`;
    const table: Table = {
      name: 'phase',
      title: head,
      columns: [
        { key: 'quantity', name: 'quantity' },
        { key: 'value', name: 'value' },
      ],
      rows: rows.map((cells) => ({ cells })),
      provenance: { convention: 'canonical network (docs/conventions.md)' },
      notes: [`rule: ${p.rule}`, `correlations: ${p.correlationNote}`],
    };
    emit(o, {
      json,
      tables: () => [table],
      text: (view) => `${head}\n\n${view.bare(table)}\n\nrule: ${p.rule}\ncorrelations: ${p.correlationNote}\n`,
    });
  });
}
