import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleGramWat } from '../../scripts/build-wasm.js';
import { GRAM_SIMD_WASM } from '../../src/kernels/gramSimdWasm.js';

/**
 * The SIMD Gram kernel ships as a base64 module generated from src/kernels/gramSimd.wat; its
 * entries are checked against the pair recursion and the JavaScript block kernel in
 * gram-core.test.ts. Here: the shipped module is what the reviewed source assembles to.
 */
describe('src/kernels/gramSimdWasm.ts', () => {
  const wat = readFileSync(new URL('../../src/kernels/gramSimd.wat', import.meta.url), 'utf8');

  it('is the assembly of gramSimd.wat (npm run wasm regenerates it)', async () => {
    expect(GRAM_SIMD_WASM).toBe(await assembleGramWat(wat));
  });

  it('would notice an edit of the source that is not reassembled', async () => {
    const edited = wat.replace(
      '(f64x2.mul (local.get $two) (local.get $z))',
      '(f64x2.add (local.get $z) (local.get $z))',
    );
    expect(edited).not.toBe(wat);
    expect(await assembleGramWat(edited)).not.toBe(GRAM_SIMD_WASM);
  });
});
