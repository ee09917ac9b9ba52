import { InputError } from '../errors.js';

/**
 * Streaming statistics over networks (docs/theory.md M3 and 4).
 *
 * Networks are grouped in blocks of BLOCK_SIZE consecutive indices. A block's power sums
 * sum x, x^2, x^3, x^4 of every scalar are accumulated in network order, so a block's sums depend
 * only on (seed, block). Block sums are then added into exactly rounded sums (Shewchuk's
 * non-overlapping partials, as Python's math.fsum), whose value does not depend on the order or
 * grouping of the additions: any worker count, and any sharding on block boundaries, gives the
 * same bits. Memory is O(number of scalars), independent of the number of networks.
 *
 * Own code rather than @stdlib/stats-incr-* (Welford-type running mean/variance): their running
 * state depends on the order of the networks and cannot be merged bit for bit across workers and
 * shards, and stdlib has no delta-method ratio error.
 */
export const BLOCK_SIZE = 64;

/**
 * Exactly rounded sum of doubles: Shewchuk, "Adaptive Precision Floating-Point Arithmetic"
 * (1997), grow-expansion with zero elimination, and the round-half-even correction of CPython's
 * math.fsum (msum recipe). Partials are non-overlapping and increasing in magnitude.
 */
export class ExactSum {
  partials: number[] = [];

  add(x: number): void {
    const p = this.partials;
    let i = 0;
    for (let j = 0; j < p.length; j++) {
      let y = p[j];
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    p.length = i;
    if (x !== 0) p.push(x);
  }

  value(): number {
    const p = this.partials;
    let n = p.length;
    if (n === 0) return 0;
    let hi = p[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }
}

/** Power sums of one block of networks, accumulated in network order. */
export interface BlockSums {
  readonly block: number;
  readonly count: number;
  /** 4 x size: sum x, sum x^2, sum x^3, sum x^4 of each scalar. */
  readonly sums: Float64Array;
}

export class BlockAccumulator {
  readonly sums: Float64Array;
  count = 0;

  constructor(
    readonly block: number,
    readonly size: number,
  ) {
    this.sums = new Float64Array(4 * size);
  }

  add(x: Float64Array): void {
    const s = this.sums;
    const n = this.size;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      const v2 = v * v;
      s[i] += v;
      s[n + i] += v2;
      s[2 * n + i] += v2 * v;
      s[3 * n + i] += v2 * v2;
    }
    this.count++;
  }

  result(): BlockSums {
    return { block: this.block, count: this.count, sums: this.sums };
  }
}

/**
 * Per-network vectors fed one at a time, in network order from network 0: the blocks of runJob,
 * for code that drives a sampler itself. Its totals equal a run's over the same networks.
 */
export class NetworkSeries {
  private readonly done: Totals;
  private block: BlockAccumulator;
  private seen = 0;

  constructor(readonly size: number) {
    this.done = new Totals(size);
    this.block = new BlockAccumulator(0, size);
  }

  add(x: Float64Array): void {
    this.block.add(x);
    if (++this.seen % BLOCK_SIZE === 0) {
      this.done.addBlock(this.block.result());
      this.block = new BlockAccumulator(this.seen / BLOCK_SIZE, this.size);
    }
  }

  /** Totals of the networks so far (the last, partial block included); adding may continue. */
  totals(): Totals {
    const t = new Totals(this.size);
    t.merge(this.done);
    if (this.block.count > 0) t.addBlock(this.block.result());
    return t;
  }

  summary(): Summary {
    return summarize(this.totals());
  }
}

/** What a partial result file stores: the exact sums, the blocks they cover and the count. */
export interface SerializedTotals {
  readonly size: number;
  readonly count: number;
  readonly blocks: number[];
  readonly partials: number[][];
}

/** Order-independent totals over blocks. */
export class Totals {
  private readonly sums: ExactSum[];
  count = 0;
  readonly blocks: number[] = [];

  constructor(readonly size: number) {
    this.sums = Array.from({ length: 4 * size }, () => new ExactSum());
  }

  addBlock(b: BlockSums): void {
    for (let i = 0; i < this.sums.length; i++) this.sums[i].add(b.sums[i]);
    this.count += b.count;
    this.blocks.push(b.block);
  }

  /** Adds another run's totals (a shard); refuses overlapping blocks. */
  merge(other: Totals | SerializedTotals): void {
    if (other.size !== this.size)
      throw new InputError(`cannot merge results with ${other.size} and ${this.size} scalars per network`);
    const seen = new Set(this.blocks);
    for (const b of other.blocks)
      if (seen.has(b))
        throw new InputError(
          `block ${b} (networks ${b * BLOCK_SIZE}..) appears in two partial results; each shard must be merged once`,
        );
    const partials = other instanceof Totals ? other.sums.map((s) => s.partials) : other.partials;
    partials.forEach((ps, i) => {
      for (const p of ps) this.sums[i].add(p);
    });
    this.count += other.count;
    // A loop, not push(...blocks): a shard of a large run lists more blocks than a call takes arguments.
    for (const b of other.blocks) this.blocks.push(b);
  }

  serialize(): SerializedTotals {
    return {
      size: this.size,
      count: this.count,
      blocks: [...this.blocks].sort((a, b) => a - b),
      partials: this.sums.map((s) => [...s.partials]),
    };
  }

  static deserialize(t: SerializedTotals): Totals {
    const out = new Totals(t.size);
    out.merge(t);
    return out;
  }

  /** Float64 power sums (exactly rounded), 4 x size. */
  powerSums(): Float64Array {
    return Float64Array.from(this.sums, (s) => s.value());
  }
}

/**
 * Mean, standard error over networks, and the moment ratio r = E[x^2]/E[x]^2 (so Var/mean^2 =
 * r - 1) with its delta-method standard error: for m_k = E[x^k],
 *   Var(r_hat) ~ grad^T Cov(x, x^2) grad / S,  grad = (-2 m2/m1^3, 1/m1^2).
 */
export interface Summary {
  readonly count: number;
  readonly mean: Float64Array;
  readonly se: Float64Array;
  /** Spread of one network: se sqrt(S). */
  readonly std: Float64Array;
  readonly ratio: Float64Array;
  readonly ratioSe: Float64Array;
}

export function summarize(t: Totals): Summary {
  const n = t.size;
  const S = t.count;
  const p = t.powerSums();
  const mean = new Float64Array(n);
  const se = new Float64Array(n);
  const ratio = new Float64Array(n);
  const ratioSe = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m1 = p[i] / S;
    const m2 = p[n + i] / S;
    const m3 = p[2 * n + i] / S;
    const m4 = p[3 * n + i] / S;
    mean[i] = m1;
    const variance = S > 1 ? (Math.max(m2 - m1 * m1, 0) * S) / (S - 1) : NaN;
    se[i] = Math.sqrt(variance / S);
    ratio[i] = m2 / (m1 * m1);
    const g1 = (-2 * m2) / (m1 * m1 * m1);
    const g2 = 1 / (m1 * m1);
    const v = g1 * g1 * (m2 - m1 * m1) + 2 * g1 * g2 * (m3 - m1 * m2) + g2 * g2 * (m4 - m2 * m2);
    ratioSe[i] = S > 1 ? Math.sqrt(Math.max(v, 0) / (S - 1)) : NaN;
  }
  return { count: S, mean, se, std: se.map((e) => e * Math.sqrt(S)), ratio, ratioSe };
}

/**
 * Two-sample Kolmogorov-Smirnov test: D = sup |F_x - F_y| and the asymptotic p-value
 * Q_KS((sqrt(n_e) + 0.12 + 0.11/sqrt(n_e)) D), n_e = n m/(n + m), Q_KS(t) = 2 sum_k (-1)^(k-1)
 * exp(-2 k^2 t^2) (Stephens 1970; Numerical Recipes 3rd ed. section 14.3.3). Written here because
 * stdlib has only the one-sample test (@stdlib/stats-kstest) and no npm package we trust has it.
 */
export function ksTwoSample(x: ArrayLike<number>, y: ArrayLike<number>): { statistic: number; pValue: number } {
  const a = Float64Array.from(x).sort();
  const b = Float64Array.from(y).sort();
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(a[i], b[j]);
    while (i < n && a[i] === v) i++;
    while (j < m && b[j] === v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  const ne = Math.sqrt((n * m) / (n + m));
  const t = (ne + 0.12 + 0.11 / ne) * d;
  let p = 0;
  if (t < 0.2) p = 1;
  else {
    for (let k = 1; k <= 100; k++) {
      const term = 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * t * t);
      p += term;
      if (Math.abs(term) < 1e-16) break;
    }
  }
  return { statistic: d, pValue: Math.min(1, Math.max(0, p)) };
}
