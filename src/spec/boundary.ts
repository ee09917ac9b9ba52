import { Fraction } from '../util/exact.js';
import { jsonNaming } from './naming.js';
import type { NetworkSpec } from './network.js';
import { isValidated, parseNetwork } from './schema.js';
import { parseInputs, parseSimulation, parseSimulationWith, type SimulationConfig } from './simulation.js';

/**
 * Validation at the public API (src/index.ts): a library user passes the library's own values
 * (NetworkSpec with Fraction gains, SimulationConfig); they are written in the schema's input form
 * and parsed, so a mistake gets the message a spec file or the command line would get. Values
 * that came from the parsers are trusted without a second look.
 */

const exact = (v: unknown) => (v instanceof Fraction ? v.toFraction() : v);

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A NetworkSpec value in the schema's input form (unknown fields kept, so the schema names them). */
function networkInputOf(v: unknown): unknown {
  const o = record(v);
  if (!o) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) {
    if (k === 'activation') {
      const act = record(x);
      out.activation = act ? { ...act, a: exact(act.a), b: exact(act.b) } : x;
    } else if (k === 'layers') {
      const layers = Array.isArray(x) ? x.map((l) => record(l) ?? {}) : undefined;
      out.sigma_w2 = layers ? layers.map((l) => exact(l.sigmaW2)) : x;
      out.sigma_b2 = layers ? layers.map((l) => exact(l.sigmaB2)) : x;
    } else if (k === 'hiddenWidths') out.hidden_widths = x;
    else if (k === 'reluPrimeAt0') out.relu_prime_at_0 = x;
    else out[k] = x;
  }
  return out;
}

export function checkNetwork(v: unknown, where = 'spec'): NetworkSpec {
  return isValidated(v) ? (v as NetworkSpec) : parseNetwork(networkInputOf(v), where);
}

const SIMULATION_KEYS: Record<string, string> = { outDim: 'out_dim', law: 'weights' };

export function checkSimulation(v: unknown, where = 'config'): SimulationConfig {
  if (isValidated(v)) return v as SimulationConfig;
  const o = record(v);
  if (!o) return parseSimulation(v, where);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) {
    if (x !== undefined && !(k === 'spec' && isValidated(x)))
      out[SIMULATION_KEYS[k] ?? k] = k === 'spec' ? networkInputOf(x) : x;
  }
  const trusted = isValidated(o.spec) ? (o.spec as NetworkSpec) : undefined;
  return parseSimulationWith(jsonNaming(where), out, where, trusted);
}

/** An input dataset as the library takes it (vectors of one length, finite). */
export function checkInputs(v: unknown, where = 'inputs'): number[][] {
  return parseInputs(jsonNaming(''), 'inputs', v, where);
}

/** Input vectors given as separate arguments (x, y), checked as one dataset. */
export function checkVectors(vectors: readonly unknown[], where: string): number[][] {
  return parseInputs(jsonNaming(''), 'vectors', vectors, where);
}
