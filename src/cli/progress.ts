import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  /**
   * Report `done` of `total` units; undefined when no bar is shown, so callers can pass it on as an optional callback.
   */
  readonly update?: (done: number, total: number) => void;
  readonly stop: () => void;
}

/**
 * A progress bar on standard error with rate and ETA, for long jobs (Gram rows, networks, datasets,
 * grid cells). Nothing is drawn when standard error is not a terminal or when `quiet` (--quiet,
 * --json, --csv), so piped output stays clean.
 */
export function progressBar(unit: string, quiet: boolean | undefined): Progress {
  if (quiet || !process.stderr.isTTY) return { stop: () => undefined };
  const bar = new SingleBar(
    { format: `${unit} {bar} {value}/{total} | {rate} ${unit}/s | ETA {eta_formatted}`, stream: process.stderr },
    Presets.shades_classic,
  );
  const t0 = Date.now();
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, 0, { rate: '0' });
        started = true;
      }
      bar.update(done, { rate: ((done * 1000) / Math.max(1, Date.now() - t0)).toFixed(1) });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
