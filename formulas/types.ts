import { z } from 'zod';
import type { ExactValue } from '../src/symbolic/closedForm.js';
import type { Fraction } from '../src/util/exact.js';

/**
 * One registry entry (docs/formulas.md lists them all). The schema is checked when the registry
 * loads, so a malformed entry fails at once with its id in the message.
 */
export const KINDS = ['exact', 'bound', 'asymptotic', 'up-to-constants', 'derived'] as const;
export type Kind = (typeof KINDS)[number];

export const CONVENTIONS = [
  'canonical-ntk',
  'canonical-standard',
  'terjek',
  'hanin-nica',
  'seleznova-kutyniok',
  'activation',
] as const;
export type Convention = (typeof CONVENTIONS)[number];

export interface SourceRef {
  /** Short citation, e.g. "Terjek & Gonzalez-Sanchez 2025". */
  readonly citation: string;
  readonly arxiv?: string;
  /** Theorem, proposition or equation in the source; docs/theory.md section for derived entries. */
  readonly where: string;
}

export interface Variable {
  readonly name: string;
  readonly description: string;
  /** Human-readable domain, e.g. "real, not both zero with b". */
  readonly domain: string;
  /** Optional machine check of the domain; returns a reason when the value is outside it. */
  readonly check?: (value: number) => string | undefined;
  /**
   * Optional exact check of a domain that relates variables (c^2 <= q1 q2), on the exact values,
   * so that a value just outside it cannot round into it; returns a reason when it fails.
   */
  readonly relation?: (values: Readonly<Record<string, Fraction>>) => string | undefined;
}

export interface TestVector {
  readonly values: Record<string, string>;
  /** Expected Float64 value. */
  readonly expected: number;
  /** Expected exact form, where one exists. */
  readonly exact?: string;
  readonly relTol?: number;
  readonly note?: string;
}

export interface Formula {
  readonly id: string;
  /** The docs section that explains it: "docs/<page>.md#<start of a heading there>" (the registry test checks it). */
  readonly docs: string;
  readonly title: string;
  readonly source: SourceRef;
  readonly kind: Kind;
  readonly convention: Convention;
  readonly variables: readonly Variable[];
  /** LaTeX of the statement. */
  readonly latex: string;
  /** Closed form as an expression string (mathjs syntax), when there is one. */
  readonly expression?: string;
  /** Float64 evaluator. */
  readonly evaluate: (values: Record<string, number>) => number;
  /** Exact evaluator at rational values, where a closed form exists. */
  readonly exact?: (values: Record<string, Fraction>) => ExactValue;
  readonly testVectors: readonly TestVector[];
  readonly notes: readonly string[];
}

const source = z.object({ citation: z.string().min(3), arxiv: z.string().optional(), where: z.string().min(1) });
const variable = z.object({
  name: z.string().min(1),
  description: z.string().min(1),
  domain: z.string().min(1),
  check: z.function().optional(),
  relation: z.function().optional(),
});
const vector = z.object({
  values: z.record(z.string(), z.string()),
  expected: z.number().refine(Number.isFinite, 'expected must be finite'),
  exact: z.string().optional(),
  relTol: z.number().positive().optional(),
  note: z.string().optional(),
});

const formulaFields = z.object({
  id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'id must look like "source/name"'),
  docs: z.string().regex(/^docs\/[a-z-]+\.md#\S/, 'docs must look like "docs/theory.md#H3.2"'),
  title: z.string().min(3),
  source,
  kind: z.enum(KINDS),
  convention: z.enum(CONVENTIONS),
  variables: z.array(variable),
  latex: z.string().min(1),
  expression: z.string().optional(),
  evaluate: z.function(),
  exact: z.function().optional(),
  testVectors: z.array(vector).min(1, 'every formula needs at least one test vector'),
  notes: z.array(z.string()),
});

function withVectorCheck<
  S extends z.ZodType<{ variables: { name: string }[]; testVectors: { values: Record<string, string> }[] }>,
>(schema: S) {
  return schema.superRefine((f, ctx) => {
    const names = new Set(f.variables.map((v) => v.name));
    for (const tv of f.testVectors) {
      for (const k of names)
        if (!(k in tv.values)) ctx.addIssue({ code: 'custom', message: `test vector misses variable ${k}` });
    }
  });
}

export const formulaSchema = withVectorCheck(formulaFields);

/**
 * What the registry checks when it loads: everything but the LaTeX, which closed forms render on
 * first read (rendering needs mathjs, which most commands never load; src/symbolic/lazy.ts).
 * test/registry.test.ts checks every entry against the whole formulaSchema.
 */
export const formulaLoadSchema = withVectorCheck(formulaFields.omit({ latex: true }));
