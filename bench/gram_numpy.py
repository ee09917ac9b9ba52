"""NumPy peer of the Gram benchmark (bench/gram.ts): the textbook NNGP/NTK recursion, vectorised.

Usage: /usr/bin/python3 gram_numpy.py inputs.npy depth sigma_b2 out.npy
Prints one JSON line: wall and CPU seconds of the recursion (inputs already loaded).

The same network as reluBenchSpec: ReLU (a = b = 1/2), NTK parameterization, sigma_w^2 = 2, bias
variance sigma_b2 on every layer. Textbook means angles as arccos of the rounded cosine, whole
N x N matrices per layer (each pair computed twice): what a user would write with NumPy.
"""

import json
import sys
import time

import numpy

x = numpy.load(sys.argv[1])
depth = int(sys.argv[2])
sb2 = float(sys.argv[3])
n, dim = x.shape
w0, c0 = time.perf_counter(), time.process_time()
# Layer 1: Sigma = sigma_w^2 <x, y> / dim + sigma_b^2; Theta = Sigma (NTK parameterization).
sigma = (2.0 / dim) * (x @ x.T) + sb2
theta = sigma.copy()
for _ in range(1, depth):
    d = numpy.sqrt(numpy.diag(sigma))
    norms = numpy.outer(d, d)
    rho = numpy.clip(sigma / norms, -1.0, 1.0)
    angle = numpy.arccos(rho)
    # sigma_w^2 E[relu(u) relu(v)] and sigma_w^2 E[relu'(u) relu'(v)], Cho and Saul's arc-cosine kernels.
    phiphi = norms * (numpy.sin(angle) + (numpy.pi - angle) * rho) / numpy.pi
    dphi = (numpy.pi - angle) / numpy.pi
    theta = phiphi + sb2 + dphi * theta
    sigma = phiphi + sb2
w1, c1 = time.perf_counter(), time.process_time()
numpy.save(sys.argv[4], numpy.stack([sigma, theta]))
print(json.dumps({"wall": w1 - w0, "cpu": c1 - c0, "numpy": numpy.__version__}))
