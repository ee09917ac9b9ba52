import type { RandomStream, WeightLaw } from '../../src/montecarlo/random.js';

/**
 * Records the draws of a stream, then replays them with edits: finite differences with respect
 * to any one drawn number (weight or bias) of a sampled network.
 */
export class ReplayStream implements RandomStream {
  readonly draws: number[] = [];
  private pos = 0;
  constructor(
    private readonly source?: RandomStream,
    private readonly edits?: Map<number, number>,
  ) {}

  static replay(draws: readonly number[], edits: Map<number, number>): ReplayStream {
    const r = new ReplayStream(undefined, edits);
    r.draws.push(...draws);
    return r;
  }

  fillNormal(out: Float64Array, from = 0, to = out.length): void {
    this.fillWeights('gaussian', out, from, to);
  }

  fillWeights(law: WeightLaw, out: Float64Array, from = 0, to = out.length): void {
    if (this.source) {
      this.source.fillWeights(law, out, from, to);
      for (let k = from; k < to; k++) this.draws.push(out[k]);
      return;
    }
    for (let k = from; k < to; k++, this.pos++) out[k] = this.draws[this.pos] + (this.edits?.get(this.pos) ?? 0);
  }
}
