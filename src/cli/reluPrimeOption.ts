import { Option } from 'commander';
import type { DeadLayers } from '../finite-width/exactMoments.js';

export type ReluPrimeAtZero = '0' | '1/2';

/**
 * ReLU'(0) matters to the exact engine only on the event that a whole hidden layer is inactive
 * (probability about sum_l 2^-n_l; docs/finite-width.md, "Inactive layers"). 0 is what PyTorch and
 * JAX autodiff use, so it is the default; 1/2 is the canonical convention (conventions.md) and the
 * one `ntkcalc simulate` samples.
 */
export function reluPrimeOption(): Option {
  return new Option(
    '--relu-prime-at-0 <v>',
    "ReLU'(0), which matters only when a whole hidden layer is inactive: 0 (PyTorch, JAX) or 1/2 (ntkcalc's canonical convention and `ntkcalc simulate`)",
  )
    .choices(['0', '1/2'])
    .default('0');
}

export function deadLayers(v: ReluPrimeAtZero): DeadLayers {
  return v === '0' ? 'exact' : 'canonical';
}

export function reluPrimeNote(v: ReluPrimeAtZero): string {
  return `ReLU'(0) = ${v}`;
}
