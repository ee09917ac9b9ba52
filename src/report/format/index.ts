import type { Format, Table } from '../model.js';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { type LatexOptions, renderLatex } from './latex.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

export interface RenderOptions extends LatexOptions {
  /** Fields placed before the table in JSON (version, the input spec, ...). */
  readonly jsonExtra?: Record<string, unknown>;
}

/** One Table in any format: the single entry point commands call. */
export function render(table: Table, format: Format, options: RenderOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(table, { digits: options.digits });
    case 'markdown':
      return renderMarkdown(table, { digits: options.digits });
    case 'csv':
      return renderCsv(table);
    case 'json':
      return renderJson(table, options.jsonExtra);
    case 'latex':
      return renderLatex(table, options);
  }
}
