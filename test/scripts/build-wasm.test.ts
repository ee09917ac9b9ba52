import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleWat, WASM_SOURCES } from '../../scripts/build-wasm.js';

/**
 * The hand-written WebAssembly modules ship as base64 in generated .ts files; their results are
 * checked against the JavaScript reference paths elsewhere (test/kernels/gram-core.test.ts,
 * test/montecarlo/kernels.test.ts, test/montecarlo/lane-streams.test.ts). Here: each shipped
 * module is what its reviewed source assembles to.
 */
const root = new URL('../../', import.meta.url);
const shipped = async (source: (typeof WASM_SOURCES)[number]) =>
  ((await import(new URL(source.module.replace(/\.ts$/, '.js'), root).href)) as Record<string, string>)[source.name];

describe('scripts/build-wasm.ts: the shipped modules are the assembly of their sources', () => {
  it.each(WASM_SOURCES.map((s) => [s.wat, s]))('%s (npm run wasm regenerates it)', async (_wat, source) => {
    const wat = readFileSync(new URL(source.wat, root), 'utf8');
    expect(await shipped(source)).toBe(await assembleWat(wat, source.wat));
  });

  it('would notice an edit of a source that is not reassembled', async () => {
    const source = WASM_SOURCES[0];
    const wat = readFileSync(new URL(source.wat, root), 'utf8');
    const edited = wat.replace(
      '(f64x2.mul (local.get $two) (local.get $z))',
      '(f64x2.add (local.get $z) (local.get $z))',
    );
    expect(edited).not.toBe(wat);
    expect(await assembleWat(edited, source.wat)).not.toBe(await shipped(source));
  });
});
