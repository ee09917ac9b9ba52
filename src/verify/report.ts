import { create } from 'xmlbuilder2';
import { textTable } from '../report/table.js';
import type { RowResult, ValidationReport } from './validate.js';

/** validate's outputs: a text or Markdown table per row, JSON with the same, JUnit XML. */

export type ReportFormat = 'text' | 'json' | 'junit' | 'markdown';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'junit', 'markdown'];

const num = (v: number | undefined, digits = 6) =>
  v === undefined ? '-' : Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : String(v);

const pm = (v: number | undefined, se: number | undefined) =>
  v === undefined ? '-' : se === undefined || se === 0 ? num(v) : `${num(v)} +/- ${num(se, 2)}`;

const HEAD = [
  'row',
  'name',
  'quantity',
  'entry',
  'reference',
  'source',
  'estimate +/- se',
  'z',
  'p',
  'p (Holm)',
  'verdict',
];

function cells(r: RowResult): string[] {
  return [
    `${r.file}:${r.row}`,
    r.name,
    r.quantity,
    `[${r.entry.join(', ')}]`,
    r.reference ? pm(r.reference.value, r.reference.se) : '-',
    r.reference ? r.reference.kind : '-',
    r.measured ? pm(r.measured.estimate, r.measured.se) : '-',
    num(r.z, 3),
    num(r.p, 3),
    num(r.pAdjusted, 3),
    r.verdict,
  ];
}

function summaryLine(rep: ValidationReport): string {
  const { pass, fail, notCheckable, reported } = rep.counts;
  const verdict = rep.exitCode === 0 ? 'PASSED' : 'FAILED';
  const ratios = reported > 0 ? `, ${reported} up-to-constants ratios reported (never passed)` : '';
  return (
    `${verdict}: ${pass} passed, ${fail} failed, ${notCheckable} not ` +
    `checkable${ratios}${rep.strict && notCheckable > 0 ? ' (--strict: not checkable counts as failed)' : ''}; ` +
    `alpha ${rep.alpha}, Holm-corrected over ${pass + fail} tested rows`
  );
}

/** Notes under the table: every row's reference source, reasons, and the reference runs. */
function notes(rep: ValidationReport): string[] {
  const out: string[] = [];
  for (const r of rep.rows) {
    const why = r.reason ?? r.reference?.source;
    if (why) out.push(`${r.file}:${r.row} (${r.name}): ${r.reason ? `${r.verdict}: ` : ''}${why}`);
  }
  for (const s of rep.simulations)
    out.push(
      `reference simulation for rows ${s.rows.join(', ')}: ${s.samples} networks, seed ${s.seed}, ${s.sampler} ` +
        `sampler, ${s.seconds.toFixed(1)} s; its noise widens the test's standard error by at most ` +
        `${((s.seInflation - 1) * 100).toFixed(1)}%`,
    );
  return out;
}

function text(rep: ValidationReport): string {
  return [textTable(HEAD, rep.rows.map(cells)), '', ...notes(rep), '', summaryLine(rep), ''].join('\n');
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|');

function markdown(rep: ValidationReport): string {
  const lines = [
    `### ntkcalc validate: ${summaryLine(rep)}`,
    '',
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map(() => ' --- ').join('|')}|`,
    ...rep.rows.map((r) => `| ${cells(r).map(mdCell).join(' | ')} |`),
    '',
    ...notes(rep).map((n) => `- ${mdCell(n)}`),
    '',
  ];
  return lines.join('\n');
}

function json(rep: ValidationReport): string {
  return `${JSON.stringify(rep, null, 2)}\n`;
}

/**
 * JUnit XML as Jenkins and GitLab read it: one <testsuite> per results file, one <testcase> per
 * row; a failed row has <failure message=...>, a not checkable one <skipped message=...> (or a
 * <failure> under --strict), and so has a reported up-to-constants ratio (never a pass).
 */
function junit(rep: ValidationReport): string {
  const files = [...new Set(rep.rows.map((r) => r.file))];
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: 'ntkcalc validate',
    tests: rep.rows.length,
    failures: rep.counts.fail + (rep.strict ? rep.counts.notCheckable : 0),
    errors: 0,
  });
  for (const file of files) {
    const rows = rep.rows.filter((r) => r.file === file);
    const failing = (r: RowResult) => r.verdict === 'fail' || (rep.strict && r.verdict === 'not checkable');
    const suite = root.ele('testsuite', {
      name: file,
      tests: rows.length,
      failures: rows.filter(failing).length,
      errors: 0,
      skipped: rows.filter((r) => !failing(r) && (r.verdict === 'not checkable' || r.verdict === 'reported')).length,
    });
    for (const r of rows) {
      const tc = suite.ele('testcase', { name: `${r.name} [${r.quantity} ${r.entry.join(',')}]`, classname: file });
      const detail =
        `estimate ${pm(r.measured?.estimate, r.measured?.se)}, reference ` +
        `${r.reference ? `${pm(r.reference.value, r.reference.se)} (${r.reference.source})` : '-'}, z ` +
        `${num(r.z, 3)}, p ${num(r.p, 3)}, Holm p ${num(r.pAdjusted, 3)}`;
      if (failing(r))
        tc.ele('failure', {
          message: r.reason ?? r.verdict,
          type: r.verdict === 'fail' ? 'mismatch' : 'not-checkable',
        }).txt(detail);
      else if (r.verdict === 'not checkable' || r.verdict === 'reported')
        tc.ele('skipped', { message: r.reason ?? r.verdict });
      tc.ele('system-out').txt(detail);
    }
  }
  return root.end({ prettyPrint: true }) + '\n';
}

export function formatReport(rep: ValidationReport, format: ReportFormat): string {
  return { text, json, junit, markdown }[format](rep);
}
