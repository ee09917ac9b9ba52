import { InputError } from '../errors.js';

/**
 * NumPy's .npy format, version 1.0 (numpy.lib.format): the magic "\x93NUMPY", version bytes 1 0, a
 * little-endian uint16 header length, and an ASCII Python dict literal padded with spaces to a
 * multiple of 64 bytes and ended by a newline; then the raw array. Written here rather than taken
 * from npm: the npm readers (npyjs, numpy-parser) parse whole files held in memory and none writes,
 * while ntkcalc writes its Gram matrices in row blocks into a file larger than memory.
 */

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
const ALIGN = 64;

/** The header of a C-order little-endian float64 array of the given shape. */
export function npyHeader(shape: readonly number[]): Buffer {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  const dict = `{'descr': '<f8', 'fortran_order': False, 'shape': (${dims}), }`;
  const unpadded = MAGIC.length + 4 + dict.length + 1;
  const total = Math.ceil(unpadded / ALIGN) * ALIGN;
  const header = Buffer.alloc(total, 0x20);
  MAGIC.copy(header, 0);
  header[6] = 1;
  header[7] = 0;
  header.writeUInt16LE(total - 10, 8);
  header.write(dict, 10, 'latin1');
  header[total - 1] = 0x0a;
  return header;
}

export interface NpyArray {
  readonly shape: number[];
  readonly fortranOrder: boolean;
  /** The elements in file order, as doubles. */
  readonly data: Float64Array;
}

const READERS: Record<string, [number, (b: Buffer, o: number) => number]> = {
  '<f8': [8, (b, o) => b.readDoubleLE(o)],
  '<f4': [4, (b, o) => b.readFloatLE(o)],
  '<i8': [8, (b, o) => Number(b.readBigInt64LE(o))],
  '<i4': [4, (b, o) => b.readInt32LE(o)],
  '>f8': [8, (b, o) => b.readDoubleBE(o)],
};

/** Parses a whole .npy file (versions 1 to 3) of floats or integers; `what` names it in errors. */
export function parseNpy(bytes: Buffer, what: string): NpyArray {
  const bad = (why: string) =>
    new InputError(`${what} is not a NumPy .npy array ntkcalc reads (${why}); save it with numpy.save(path, x)`);
  if (bytes.length < 10 || !bytes.subarray(0, 6).equals(MAGIC)) throw bad('no .npy magic "\\x93NUMPY" at the start');
  const major = bytes[6];
  if (major < 1 || major > 3) throw bad(`format version ${major}`);
  const lenBytes = major === 1 ? 2 : 4;
  const headerLen = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = 8 + lenBytes + headerLen;
  if (start > bytes.length) throw bad('truncated header');
  const dict = bytes.toString('latin1', 8 + lenBytes, start);
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(dict)?.[1];
  const order = /'fortran_order'\s*:\s*(True|False)/.exec(dict)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(dict)?.[1];
  if (descr === undefined || order === undefined || shapeText === undefined) throw bad('unreadable header');
  const reader = READERS[descr === '|f8' ? '<f8' : descr];
  if (!reader) throw bad(`element type '${descr}'; accepted: float64, float32, int64, int32`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const [size, read] = reader;
  if (bytes.length - start < count * size) throw bad(`holds fewer than the ${count} elements of shape (${shapeText})`);
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = read(bytes, start + i * size);
  return { shape, fortranOrder: order === 'True', data };
}

/** The rows of a 2-D .npy array (C or Fortran order) as vectors. */
export function npyRows(a: NpyArray, what: string): number[][] {
  if (a.shape.length !== 2)
    throw new InputError(
      `${what} has shape (${a.shape.join(', ')}); inputs must be a 2-D array, one input vector per row (N x dim)`,
    );
  const [rows, cols] = a.shape;
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => a.data[a.fortranOrder ? j * rows + i : i * cols + j]),
  );
}
