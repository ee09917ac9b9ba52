import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Biome's formatter wraps code at 120 columns but leaves long strings and comments alone; this
// keeps the rule of docs/architecture.md for them too.
const root = fileURLToPath(new URL('..', import.meta.url));
const LIMIT = 120;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('line length', () => {
  it(`no line over ${LIMIT} characters in src/ and formulas/`, () => {
    const long = ['src', 'formulas'].flatMap((dir) =>
      sources(dir).flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => (line.length > LIMIT ? [`${file.slice(root.length)}:${i + 1} (${line.length})`] : [])),
      ),
    );
    expect(long).toEqual([]);
  });
});
