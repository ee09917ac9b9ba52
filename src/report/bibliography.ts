import { VERSION } from '../version.js';
import type { Source } from './model.js';

/**
 * The works the formula registry cites, as BibTeX. A registry source (formulas/types.ts SourceRef) finds its
 * entry by arXiv id, else by the author-year text its citation starts with; sources that name ntkcalc's own
 * documentation (derived formulas, conventions) cite ntkcalc itself. test/report/bibliography.test.ts checks
 * that every registry source finds one, so a new source cannot go uncited.
 */
export interface Reference {
  /** BibTeX key, the same key \cite{} uses in LaTeX tables. */
  readonly key: string;
  readonly type: 'article' | 'inproceedings' | 'book' | 'manual';
  readonly fields: Readonly<Record<string, string>>;
  readonly arxiv?: string;
  /** Citation texts (their beginnings) that mean this work. */
  readonly cited: readonly string[];
}

const arxivFields = (id: string) => ({ eprint: id, archiveprefix: 'arXiv', url: `https://arxiv.org/abs/${id}` });

export const REFERENCES: readonly Reference[] = [
  {
    key: 'HaninNica2019',
    type: 'article',
    arxiv: '1909.05989',
    cited: ['Hanin & Nica 2019'],
    fields: {
      author: 'Hanin, Boris and Nica, Mihai',
      title: 'Finite Depth and Width Corrections to the Neural Tangent Kernel',
      journal: 'arXiv preprint arXiv:1909.05989',
      note: 'International Conference on Learning Representations (ICLR) 2020',
      year: '2019',
      ...arxivFields('1909.05989'),
    },
  },
  {
    key: 'SeleznovaKutyniok2022',
    type: 'inproceedings',
    arxiv: '2202.00553',
    cited: ['Seleznova & Kutyniok 2022'],
    fields: {
      author: 'Seleznova, Mariia and Kutyniok, Gitta',
      title: 'Neural Tangent Kernel Beyond the Infinite-Width Limit: Effects of Depth and Initialization',
      booktitle: 'Proceedings of the 39th International Conference on Machine Learning (ICML)',
      series: 'Proceedings of Machine Learning Research',
      volume: '162',
      year: '2022',
      ...arxivFields('2202.00553'),
    },
  },
  {
    key: 'TerjekGonzalezSanchez2025concentration',
    type: 'article',
    arxiv: '2501.14724',
    cited: ['Terjek & Gonzalez-Sanchez 2025 (concentration)', 'Terjek & Gonzalez-Sanchez 2025'],
    fields: {
      author: "Terj{\\'e}k, D{\\'a}vid and Gonz{\\'a}lez-S{\\'a}nchez, Diego",
      title: '{MLPs} at the {EOC}: Concentration of the {NTK}',
      journal: 'arXiv preprint arXiv:2501.14724',
      year: '2025',
      ...arxivFields('2501.14724'),
    },
  },
  {
    key: 'TerjekGonzalezSanchez2025spectrum',
    type: 'article',
    arxiv: '2501.13225',
    cited: ['Terjek & Gonzalez-Sanchez 2025 (spectrum)'],
    fields: {
      author: "Terj{\\'e}k, D{\\'a}vid and Gonz{\\'a}lez-S{\\'a}nchez, Diego",
      title: '{MLPs} at the {EOC}: Spectrum of the {NTK}',
      journal: 'arXiv preprint arXiv:2501.13225',
      year: '2025',
      ...arxivFields('2501.13225'),
    },
  },
  {
    key: 'RobertsYaidaHanin2022',
    type: 'book',
    arxiv: '2106.10165',
    cited: ['Roberts, Yaida & Hanin 2022'],
    fields: {
      author: 'Roberts, Daniel A. and Yaida, Sho and Hanin, Boris',
      title: 'The Principles of Deep Learning Theory',
      publisher: 'Cambridge University Press',
      year: '2022',
      ...arxivFields('2106.10165'),
    },
  },
  {
    key: 'GuillenMisofGerken2025',
    type: 'article',
    arxiv: '2508.11522',
    cited: ['Guillen, Misof & Gerken 2025'],
    fields: {
      author: 'Guillen, Max and Misof, Philipp and Gerken, Jan E.',
      title: 'Finite-Width Neural Tangent Kernels from {Feynman} Diagrams',
      journal: 'arXiv preprint arXiv:2508.11522',
      year: '2025',
      ...arxivFields('2508.11522'),
    },
  },
  {
    key: 'ChoSaul2009',
    type: 'inproceedings',
    cited: ['Cho & Saul 2009'],
    fields: {
      author: 'Cho, Youngmin and Saul, Lawrence K.',
      title: 'Kernel Methods for Deep Learning',
      booktitle: 'Advances in Neural Information Processing Systems 22 (NIPS 2009)',
      pages: '342--350',
      year: '2009',
    },
  },
  {
    key: 'ntkcalc',
    type: 'manual',
    cited: ['ntkcalc', 'docs/conventions.md', 'docs/'],
    fields: {
      key: 'ntkcalc',
      title: '{ntkcalc}: a calculator for the theory of wide neural networks',
      note: `Version ${VERSION}; conventions, derivations and corrections to the papers in its documentation (docs/)`,
    },
  },
];

/** The reference a source means; throws (a defect in ntkcalc) when the bibliography lacks it. */
export function referenceOf(source: Source): Reference {
  const byArxiv = source.arxiv === undefined ? undefined : REFERENCES.find((r) => r.arxiv === source.arxiv);
  const found = byArxiv ?? REFERENCES.find((r) => r.cited.some((c) => source.citation.startsWith(c)));
  if (!found) throw new Error(`bibliography: no entry for the source "${source.citation}"`);
  return found;
}

/** The \cite key of a source. */
export function citeKey(source: Source): string {
  return referenceOf(source).key;
}

/** The distinct references of these sources, in order of first citation. */
export function referencesOf(sources: readonly Source[]): Reference[] {
  return [...new Set(sources.map(referenceOf))];
}

/** One BibTeX entry, fields aligned, in the order given. */
export function bibtexEntry(ref: Reference): string {
  const width = Math.max(...Object.keys(ref.fields).map((k) => k.length));
  const fields = Object.entries(ref.fields).map(([k, v]) => `  ${k.padEnd(width)} = {${v}}`);
  return `@${ref.type}{${ref.key},\n${fields.join(',\n')}\n}\n`;
}

/** A .bib file of these references (every reference when none are named). */
export function bibtex(refs: readonly Reference[] = REFERENCES): string {
  return refs.map(bibtexEntry).join('\n');
}
