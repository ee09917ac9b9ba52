import type { Config } from 'vega-lite';

/**
 * One column of a two-column paper is 3.3 in, 317 SVG units at 96 per inch: a 240-unit data rectangle leaves
 * room for the y axis, so the whole figure prints at its own size with 9-unit labels at about 6.7 pt.
 * (Vega's "fit" autosize would size the rectangle to the title's estimated width instead.)
 */
export const COLUMN_WIDTH_PX = 317;
export const PLOT_WIDTH_PX = 240;
export const PLOT_HEIGHT_PX = 170;

/** DejaVu Sans has the Greek letters and sub/superscript digits the axis titles use (Debian fonts-dejavu-core). */
export const FONT = 'DejaVu Sans';

const CONFIG: Config = {
  font: FONT,
  background: 'white',
  view: { stroke: null },
  title: { fontSize: 10, fontWeight: 'normal', anchor: 'start', offset: 6 },
  axis: { labelFontSize: 9, titleFontSize: 10, titleFontWeight: 'normal', gridOpacity: 0.6 },
  legend: {
    orient: 'bottom',
    direction: 'horizontal',
    labelFontSize: 9,
    titleFontSize: 9,
    titleFontWeight: 'normal',
    symbolSize: 60,
    columnPadding: 8,
  },
  line: { strokeWidth: 1.5 },
  point: { size: 18, filled: true },
};

/** The frame every plot shares: one column wide, title and subtitle lines at the top left, legend below. */
export function frame(title: string, subtitle: string[] = [], height = PLOT_HEIGHT_PX) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle, subtitleFontSize: 8 },
    width: PLOT_WIDTH_PX,
    height,
    config: CONFIG,
  };
}

/** Ticks 1, 2, 5 x 10^k (or `mantissas`) within [lo, hi]: a log axis labelled without crowding. */
export function logTicks(lo: number, hi: number, mantissas: readonly number[] = [1, 2, 5]): number[] {
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++)
    for (const m of mantissas) {
      const v = Number((m * 10 ** k).toPrecision(12));
      if (v >= lo && v <= hi) out.push(v);
    }
  return out;
}
