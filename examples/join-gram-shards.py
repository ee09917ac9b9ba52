"""Joins the row blocks of `ntkcalc kernel --out --shard i/k` into one .npy file.

Usage: python3 join-gram-shards.py gram.npy gram-1.npy gram-2.npy ... (shards in order 1..k)

The shards are read memory-mapped and copied into a memory-mapped output, so a Gram matrix larger
than memory joins in a few passes over the disk. Rows are the second-to-last axis of every shard:
(2, rows, M), or (L, 2, rows, M) with --all-layers.
"""

import sys

import numpy

out_path, *paths = sys.argv[1:]
parts = [numpy.load(p, mmap_mode="r") for p in paths]
shape = list(parts[0].shape)
if any(p.shape[:-2] != parts[0].shape[:-2] or p.shape[-1] != shape[-1] for p in parts):
    sys.exit("join-gram-shards: the shards come from different runs (shapes differ)")
shape[-2] = sum(p.shape[-2] for p in parts)
out = numpy.lib.format.open_memmap(out_path, mode="w+", dtype="<f8", shape=tuple(shape))
row = 0
for p in parts:
    out[..., row : row + p.shape[-2], :] = p
    row += p.shape[-2]
out.flush()
