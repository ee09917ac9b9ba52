"""mlp_ntk.py with a real bug switched on: the NTK summed over the weights only, the bias
gradients left out. ntkcalc validate must fail its results file."""

import sys

import mlp_ntk

sys.argv += ["--bug", "no-bias-gradients"]
mlp_ntk.main()
