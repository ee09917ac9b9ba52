import type { TopLevelSpec } from 'vega-lite';
import { FONT } from './style.js';

/**
 * Vega-Lite spec -> Vega spec -> SVG with Vega's headless renderer ('none': no canvas, no browser), and
 * SVG -> PNG with resvg. The libraries are imported on first use, so the other commands never load them.
 */
export async function toVega(spec: TopLevelSpec): Promise<object> {
  const { compile } = await import('vega-lite');
  return compile(spec).spec;
}

/**
 * Without a canvas Vega estimates a text's width as 0.8 em a character, which makes room for titles and
 * legends half as wide again as DejaVu Sans draws them (its advances average about 0.6 em); Vega supports
 * replacing the estimate (vega-scenegraph textMetrics, as vl-convert does with real font metrics).
 */
const EM_PER_CHARACTER = 0.6;

interface TextMetrics {
  width: (item: { text?: unknown; fontSize?: number }, text?: unknown) => number;
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const vega = await import('vega');
  // vega's typings omit textMetrics, which its runtime exports.
  const { textMetrics } = vega as unknown as { textMetrics: TextMetrics };
  textMetrics.width = (item, text) => EM_PER_CHARACTER * String(text ?? item.text ?? '').length * (item.fontSize ?? 11);
  const view = new vega.View(vega.parse((await toVega(spec)) as import('vega').Spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG pixels per SVG unit: 3 gives a 3.3 in figure at about 290 dpi. */
export const PNG_SCALE = 3;

export async function svgToPng(svg: string, scale = PNG_SCALE): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: FONT },
  });
  return resvg.render().asPng();
}
