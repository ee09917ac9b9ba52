import { Option } from 'commander';
import type { DeadLayers } from '../finite-width/exactMoments.js';

export type ReluPrimeAtZero = '0' | '1/2';

/**
 * ReLU'(0) matters to the exact engine only on the event that a whole hidden layer is inactive
 * (probability about sum_l 2^-n_l; docs/finite-width.md, "Inactive layers"). The default is ntkcalc's
 * canonical phi'(0) = a (1/2 for ReLU; docs/conventions.md), the value `ntkcalc simulate` samples, so every
 * command gives the same numbers for the same network; 0 is what PyTorch and JAX autodiff use.
 */
export function reluPrimeOption(): Option {
  return new Option(
    '--relu-prime-at-0 <v>',
    "ReLU'(0), which matters only when a whole hidden layer is inactive: 1/2 (ntkcalc's canonical phi'(0) = a, " +
      'what `ntkcalc simulate` samples) or 0 (PyTorch, JAX)',
  )
    .choices(['1/2', '0'])
    .default('1/2');
}

export function deadLayers(v: ReluPrimeAtZero): DeadLayers {
  return v === '0' ? 'exact' : 'canonical';
}

export function reluPrimeNote(v: ReluPrimeAtZero): string {
  return `ReLU'(0) = ${v}`;
}

/** One line for text outputs: which convention was used, and how to get the other one. */
export function reluPrimeExplanation(v: ReluPrimeAtZero): string {
  return v === '1/2'
    ? "ReLU'(0) = 1/2: ntkcalc's canonical phi'(0) = a, as `ntkcalc simulate` samples " +
        '(--relu-prime-at-0 0: PyTorch/JAX)'
    : "ReLU'(0) = 0: PyTorch/JAX autodiff (the default --relu-prime-at-0 1/2 is ntkcalc's canonical phi'(0) = a)";
}
