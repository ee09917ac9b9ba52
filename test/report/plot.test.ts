import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { preset } from '../../src/activation/family.js';
import { PLOTS, type Plot, renderSvg, svgToPng } from '../../src/report/plot/index.js';
import { phasePlot } from '../../src/report/plot/phase.js';
import { COLUMN_WIDTH_PX } from '../../src/report/plot/style.js';

/** Marks of each kind in Vega's SVG (each mark item carries its ARIA role description). */
function marks(svg: string, kind: 'line mark' | 'rule mark' | 'rect mark' | 'point'): number {
  return svg.split(`aria-roledescription="${kind}"`).length - 1;
}

/** Standard deviation of the luminance over the PNG's pixels, and the fraction of pixels that are not white. */
function inkOf(png: Uint8Array): { sd: number; ink: number } {
  const { data, width, height } = PNG.sync.read(Buffer.from(png));
  let sum = 0;
  let sum2 = 0;
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    const y = 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
    sum += y;
    sum2 += y * y;
    if (y < 240) ink++;
  }
  const n = width * height;
  return { sd: Math.sqrt(sum2 / n - (sum / n) ** 2), ink: ink / n };
}

const distinct = (p: Plot, key: string, filter: (d: Plot['data'][number]) => boolean = () => true) =>
  new Set(p.data.filter(filter).map((d) => d[key])).size;

/** Per plot: the axis titles its SVG must show and the marks it must draw, counted from its data. */
const EXPECTED: Record<
  string,
  { titles: string[]; marks: (p: Plot) => Partial<Record<Parameters<typeof marks>[1], number>> }
> = {
  dispersion: {
    titles: ['depth / width  L/n', 'E[K²] / E[K]²', 'width n'],
    marks: (p) => {
      const simulated = p.data.filter((d) => d.series === 'simulated').length;
      return { 'line mark': 2 * distinct(p, 'n'), point: simulated, 'rule mark': simulated };
    },
  },
  correlation: {
    titles: ['depth ℓ', 'correlation ρₗ', 'cosine distance zₗ', 'Δφ'],
    marks: (p) => ({ 'line mark': 3 * distinct(p, 'Delta') }),
  },
  phase: {
    titles: ['weight variance σw²', 'bias variance σb²', 'q* (ordered phase)'],
    marks: (p) => ({ 'rect mark': p.data.length, 'rule mark': 1 }),
  },
  'spectrum-figure1': {
    titles: ['depth ℓ (weight matrices)', 'condition number κ', 'Δφ'],
    marks: (p) => ({ 'line mark': distinct(p, 'Delta'), point: p.data.length, 'rule mark': p.data.length }),
  },
  'hanin-nica': {
    titles: ['β = Σᵢ 1/nᵢ (hidden layers)', 'E[K²] / E[K]²', 'exp(5β)', 'n = 64'],
    marks: (p) => ({ 'line mark': distinct(p, 'series') }),
  },
};

const built = new Map<string, { plot: Plot; svg: string; png: Uint8Array }>();

beforeAll(async () => {
  for (const entry of PLOTS) {
    const plot = await entry.build({});
    const svg = await renderSvg(plot.spec);
    built.set(entry.name, { plot, svg, png: await svgToPng(svg) });
  }
}, 120_000);

describe('plots', () => {
  it('every plot has its expectations here', () => {
    expect(PLOTS.map((p) => p.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('the blank check finds a blank image blank', async () => {
    const blank = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="80"></svg>');
    const { sd, ink } = inkOf(blank);
    expect(sd).toBeLessThan(1);
    expect(ink).toBe(0);
  });

  it('finds the font: text alone inks the PNG (without DejaVu Sans resvg draws no glyphs)', async () => {
    const text = await svgToPng(
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="30"><text x="5" y="20" font-size="14">E[K²] β</text></svg>',
    );
    expect(inkOf(text).ink).toBeGreaterThan(0.02);
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    describe(name, () => {
      it('renders a PNG that is not blank', () => {
        const { sd, ink } = inkOf(built.get(name)!.png);
        expect(sd).toBeGreaterThan(20);
        expect(ink).toBeGreaterThan(0.03);
      });

      it('shows its axis and legend titles', () => {
        const { svg } = built.get(name)!;
        for (const t of expected.titles) expect(svg).toContain(`>${t}</text>`);
      });

      it('draws one mark per plotted series or point', () => {
        const { svg, plot } = built.get(name)!;
        for (const [kind, count] of Object.entries(expected.marks(plot)))
          expect([kind, marks(svg, kind as Parameters<typeof marks>[1])]).toEqual([kind, count]);
      });

      it('fits one column (3.3 in) at labels of 8 units or more', () => {
        const { svg } = built.get(name)!;
        const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)![1]);
        expect(width).toBeGreaterThan(0.8 * COLUMN_WIDTH_PX);
        expect(width).toBeLessThanOrEqual(1.05 * COLUMN_WIDTH_PX);
        const sizes = [...svg.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(8);
      });
    });
  }
});

describe('plot data', () => {
  it('dispersion: every simulated point within 3 standard errors of the exact moments (seed 1)', () => {
    const { data } = built.get('dispersion')!.plot;
    const exact = (n: unknown, L: unknown) => data.find((d) => d.series === 'exact' && d.n === n && d.L === L)!;
    const simulated = data.filter((d) => d.series === 'simulated');
    expect(simulated.length).toBe(6);
    for (const s of simulated)
      expect(Math.abs((s.ratio as number) - (exact(s.n, s.L).ratio as number)) / (s.se as number)).toBeLessThan(3);
  });

  it('dispersion: the exact curve and 1 + c/n agree at L = 2, where c(r, 2)/n is exact', () => {
    const { data } = built.get('dispersion')!.plot;
    for (const n of [8, 32]) {
      const at = (series: string) => data.find((d) => d.series === series && d.n === n && d.L === 2)!.ratio as number;
      expect(at('exact')).toBeCloseTo(at('1/n theory'), 12);
    }
  });

  // The relative error of the asymptote decays like log(l)/l: 6% at l = 1000 for Delta = 1/8, 1% for Delta = 1.
  it('correlation: rho_1 = 0 and z_l within 10% of 9 pi^2/(16 Delta^2 l^2) at depth 1000', () => {
    const { data } = built.get('correlation')!.plot;
    for (const d of data.filter((p) => p.depth === 1)) expect(d.rho).toBe(0);
    for (const d of data.filter((p) => p.depth === 1000))
      expect(Math.abs((d.z as number) / (d.z_asymptotic as number) - 1)).toBeLessThan(0.1);
  });

  it('phase: the ordered cells are exactly those left of sigma_w^2 = 1/A_2, for every activation', () => {
    for (const name of ['relu', 'abs', 'leaky:0.1', 'abrelu:1/10,1/5']) {
      const act = preset(name);
      const eoc = phasePlot(act);
      const A2 = act.a.mul(act.a).add(act.b.mul(act.b)).valueOf();
      for (const d of eoc.data) {
        const centre = ((d.sigma_w2_low as number) + (d.sigma_w2_high as number)) / 2;
        expect(d.phase).toBe(centre * A2 < 1 ? 'ordered' : 'chaotic');
      }
      // the grid reaches past the edge of chaos, so both phases show
      expect(new Set(eoc.data.map((d) => d.phase))).toEqual(new Set(['ordered', 'chaotic']));
    }
  });

  it('hanin-nica: the ratio grows with beta and stays below exp(5 beta)', () => {
    const { data } = built.get('hanin-nica')!.plot;
    for (const d of data.filter((p) => p.series !== 'exp(5β)')) {
      expect(d.ratio as number).toBeGreaterThan(1);
      expect(d.ratio as number).toBeLessThan(Math.exp(5 * (d.beta as number)));
    }
  });
});
