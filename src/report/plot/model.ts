import type { TopLevelSpec } from 'vega-lite';
import type { Activation } from '../../activation/family.js';
import type { Provenance } from '../model.js';

/** One plotted point: the fields its marks encode (written by `plot --data` as one CSV row). */
export type Datum = Readonly<Record<string, number | string | null>>;

/**
 * A plot as data plus its declarative spec (issue 11): the numbers come from the library, the Vega-Lite spec
 * says how they look; src/report/plot/render.ts turns the spec into SVG or PNG.
 */
export interface Plot {
  readonly name: string;
  readonly title: string;
  /** Every plotted number, one record a point; the spec's layers select theirs by the `series` field. */
  readonly data: readonly Datum[];
  /** Vega-Lite spec with `data` inline, so `--format vega-lite` is a file that renders on its own. */
  readonly spec: TopLevelSpec;
  readonly provenance: Provenance;
}

/** A plot `ntkcalc plot NAME` can draw: its name, one line of description and how to build it. */
export interface PlotEntry {
  readonly name: string;
  readonly description: string;
  readonly build: (o: PlotOptions) => Plot | Promise<Plot>;
  /** Whether the plot is drawn per activation (`--activation`). */
  readonly perActivation?: boolean;
}

export interface PlotOptions {
  readonly activation?: Activation;
}
