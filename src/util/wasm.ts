/**
 * A lazily compiled WebAssembly module from its base64 text (the generated *Wasm.ts files), or null
 * where the engine cannot compile it (WebAssembly SIMD, in Node since 16.4): the caller then takes
 * its JavaScript reference path. Compiled once, on first use, so that commands which never need the
 * module do not pay for it.
 */
export function lazyWasmModule(base64: string): () => WebAssembly.Module | null {
  let compiled: WebAssembly.Module | null | undefined;
  return () => {
    if (compiled === undefined) {
      const bytes = Buffer.from(base64, 'base64');
      compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    }
    return compiled;
  };
}
