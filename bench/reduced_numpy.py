"""NumPy peer of ntkcalc's reduced Monte Carlo sampler (docs/montecarlo.md, "The two samplers").

The same network and the same method as bench/montecarlo.ts's sampler benchmark: the canonical
ReLU MLP (sigma_w^2 = 2, no biases, NTK parameterization, Gaussian weights, one output) on the
inputs x_a = (cos(a + 1), sin(a + 1), 0.5), sampled with the reduced construction (thin QR of
H, G1 = W Q_H drawn, W^T D = Q_H G1^T D + (I - Q_H Q_H^T) G2 R_D with D = Q_D R_D and G2 fresh)
wherever it draws fewer numbers than W, and W drawn where not (the output layer). Per network it
computes what ntkcalc's sample vector holds (outputs, the NNGP of every layer, the NTK and its
per-layer terms) and accumulates the power sums x, x^2, x^3, x^4 of each scalar per block of 64
networks, as src/montecarlo/statistics.ts does.

Vectorised honestly, as a NumPy user would write it: networks are processed `--batch` at a time
as stacked arrays (batched matmul and np.linalg.qr over the stack, one call per layer for the
whole batch), so the Python interpreter's overhead is paid once per layer and batch rather than
per network. `--batch 1` gives the one-network-at-a-time version. `--workers k` runs k processes,
each on its own share of the networks (NumPy's BLAS here is single-threaded).

Prints one JSON line: networks/s over the whole run, and with --phases the share of time per
phase (drawing, QR, forward, backward, statistics), timed in the first worker.

Run with Debian's python3 (python3-numpy): /usr/bin/python3 bench/reduced_numpy.py --help
"""

import argparse
import json
import multiprocessing as mp
import time

import numpy as np

BLOCK = 64


class Clock:
    def __init__(self, on):
        self.on = on
        self.t = {"drawing": 0.0, "qr": 0.0, "forward": 0.0, "backward": 0.0, "statistics": 0.0}
        self.last = time.perf_counter()

    def lap(self, phase):
        if self.on:
            now = time.perf_counter()
            self.t[phase] += now - self.last
            self.last = now


def network(width, depth, count):
    widths = [3] + [width] * (depth - 1) + [1]
    x = np.array([[np.cos(a + 1), np.sin(a + 1), 0.5] for a in range(count)]).T  # n0 x N
    return widths, x


def sample_batch(rng, widths, x, B, clock):
    """B networks: returns the B x size matrix of their sample vectors."""
    L = len(widths) - 1
    N = x.shape[1]
    M = N  # one output
    s = [np.sqrt(2.0 / widths[l]) for l in range(L)]
    H = np.broadcast_to(x, (B,) + x.shape)
    nngp = np.empty((B, L, N, N))
    hh = []
    Q = [None] * L
    G1 = [None] * L
    Z = [None] * L
    W = [None] * L
    for l in range(L):
        n_in, n_out = widths[l], widths[l + 1]
        g = np.matmul(H.transpose(0, 2, 1), H)
        hh.append(g)
        nngp[:, l] = (s[l] * s[l]) * g
        clock.lap("forward")
        draws = n_out * min(n_in, N) + (n_in * min(n_out, M) if l > 0 else 0)
        if draws < n_in * n_out:
            q, r = np.linalg.qr(H)
            clock.lap("qr")
            g1 = rng.standard_normal((B, n_out, q.shape[2]))
            clock.lap("drawing")
            z = s[l] * np.matmul(g1, r)
            Q[l], G1[l] = q, g1
        else:
            w = rng.standard_normal((B, n_out, n_in))
            clock.lap("drawing")
            z = s[l] * np.matmul(w, H)
            W[l] = w
        Z[l] = z
        if l < L - 1:
            H = np.maximum(z, 0.0)
        clock.lap("forward")
    out = z[:, 0, :]  # f(x_a), n_L = 1
    layers = np.empty((B, L, M, M))
    D = np.ones((B, 1, M))  # delta^(L): df/dz^(L) = 1
    for l in range(L - 1, -1, -1):
        n_in, n_out = widths[l], widths[l + 1]
        dd = np.matmul(D.transpose(0, 2, 1), D)
        layers[:, l] = (s[l] * s[l]) * hh[l] * dd
        clock.lap("backward")
        if l == 0:
            break
        if W[l] is not None:
            back = np.matmul(W[l].transpose(0, 2, 1), D)
        else:
            qd, rd = np.linalg.qr(D)
            clock.lap("qr")
            g2 = rng.standard_normal((B, n_in, qd.shape[2]))
            clock.lap("drawing")
            q = Q[l]
            p = np.matmul(q.transpose(0, 2, 1), g2)
            back = np.matmul(q, np.matmul(G1[l].transpose(0, 2, 1), D)) + np.matmul(g2 - np.matmul(q, p), rd)
        # delta^(l) = phi'(z^(l)) * (s W^T delta^(l+1)); phi' of ReLU is the step (z > 0).
        D = (Z[l - 1] > 0) * (s[l] * back)
        clock.lap("backward")
    ntk = layers.sum(axis=1)
    v = np.concatenate(
        [out.reshape(B, -1), nngp.reshape(B, -1), ntk.reshape(B, -1), layers.reshape(B, -1)], axis=1
    )
    return v


def worker(args):
    index, networks, width, depth, count, batch, seed, phases = args
    rng = np.random.default_rng([seed, index])
    widths, x = network(width, depth, count)
    clock = Clock(phases)
    sums = None
    done = 0
    t0 = time.perf_counter()
    c0 = time.process_time()
    while done < networks:
        # Power sums per block of 64 networks, blocks added in order (statistics.ts's block sums).
        n = min(BLOCK, networks - done)
        block = None
        for start in range(0, n, batch):
            v = sample_batch(rng, widths, x, min(batch, n - start), clock)
            clock.lap("forward")
            v2 = v * v
            part = np.stack([v.sum(0), v2.sum(0), (v2 * v).sum(0), (v2 * v2).sum(0)])
            block = part if block is None else block + part
            clock.lap("statistics")
        sums = block if sums is None else sums + block
        done += n
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return {"networks": networks, "seconds": seconds, "cpu_seconds": cpu, "phases": clock.t, "mean_ntk": (sums[0] / networks).tolist()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--width", type=int, default=1024)
    ap.add_argument("--depth", type=int, default=64)
    ap.add_argument("--n", type=int, default=2, help="number of inputs N")
    ap.add_argument("--networks", type=int, default=512, help="networks in all")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--phases", action="store_true", help="time each phase (adds a little overhead)")
    a = ap.parse_args()
    share = [a.networks // a.workers + (1 if i < a.networks % a.workers else 0) for i in range(a.workers)]
    jobs = [(i, share[i], a.width, a.depth, a.n, a.batch, a.seed, a.phases and i == 0) for i in range(a.workers)]
    t0 = time.perf_counter()
    if a.workers == 1:
        results = [worker(jobs[0])]
    else:
        with mp.get_context("fork").Pool(a.workers) as pool:
            results = pool.map(worker, jobs)
    wall = time.perf_counter() - t0
    r0 = results[0]
    N = a.n
    L = a.depth
    size_out, size_nngp = N, L * N * N
    mean = np.array(r0["mean_ntk"])
    ntk = mean[size_out + size_nngp : size_out + size_nngp + N * N]
    report = {
        "numpy": np.__version__,
        "width": a.width,
        "depth": a.depth,
        "N": N,
        "workers": a.workers,
        "batch": a.batch,
        "networks": a.networks,
        "seconds": wall,
        "networks_per_second": a.networks / wall,
        "cpu_seconds": sum(r["cpu_seconds"] for r in results),
        "mean_ntk_first_worker": ntk.tolist(),
    }
    if a.phases:
        total = sum(r0["phases"].values())
        report["phase_share"] = {k: v / total for k, v in r0["phases"].items()}
    print(json.dumps(report))


if __name__ == "__main__":
    main()
