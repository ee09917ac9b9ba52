import { preset } from '../../activation/family.js';
import { pairKernels } from '../../kernels/pair.js';
import type { Table } from '../model.js';
import { EOC_CONVENTION, eocNetwork } from './network.js';

export const NTK_DEPTHS = [1, 2, 3, 4, 5, 10, 20, 50, 100, 1000];
const ACTIVATIONS = ['relu', 'abs', 'leaky:0.1'];

/**
 * The infinite-width NTK Theta^(L)(x, y) of two orthogonal unit inputs against depth (docs/conventions.md
 * recursion, canonical convention); Theta^(L)(x, x) = L |x|^2 at the edge of chaos.
 */
export function ntkDepthTable(depths: readonly number[] = NTK_DEPTHS, names: readonly string[] = ACTIVATIONS): Table {
  const L = Math.max(...depths);
  const layers = names.map((name) => pairKernels(eocNetwork(preset(name), L), [1, 0], [0, 1]));
  return {
    name: 'ntk-depth',
    title: 'Infinite-width NTK Theta^(L)(x, y) of two orthogonal unit inputs against depth L, with Theta^(L)(x, x)',
    latexTitle:
      'Infinite-width NTK $\\Theta^{(L)}(x,y)$ of two orthogonal unit inputs against depth $L$ at the edge of ' +
      'chaos, with $\\Theta^{(L)}(x,x)$',
    columns: [
      { key: 'depth', name: 'L', latex: '$L$' },
      { key: 'ntk_xx', name: 'Theta(x,x)', latex: '$\\Theta^{(L)}(x,x)$' },
      ...names.map((name) => ({
        key: `ntk_xy_${name}`,
        name: `Theta(x,y) ${name}`,
        latex: `$\\Theta^{(L)}(x,y)$ ${name}`,
        digits: 9,
      })),
    ],
    rows: depths.map((d) => ({ cells: [d, layers[0][d - 1].ntk.xx, ...layers.map((l) => l[d - 1].ntk.xy)] })),
    provenance: {
      formulas: ['infinite-width/dual-phi', 'infinite-width/dual-dphi'],
      convention: `${EOC_CONVENTION}; x = (1, 0), y = (0, 1)`,
    },
    rowNoun: 'depths',
  };
}
