"""Empirical NTK of a ReLU MLP at initialisation, written as an ntkcalc results file.

The network is ntkcalc's canonical one (docs/conventions.md), Hanin-Nica style: NTK
parameterization, z = sqrt(sigma_w^2 / fan_in) W h + b with W ~ N(0, 1), sigma_w^2 = 2 on the
hidden layers and 1 on the scalar output, trainable biases initialised at 0. For each seed a
fresh network is drawn and its NTK Theta(x_a, x_b) = <df(x_a)/dparams, df(x_b)/dparams> is
computed by autograd; the per-network values go into the file, so ntkcalc computes the standard
errors over networks itself.

    python3 mlp_ntk.py --out results.json            # the correct simulation
    python3 mlp_ntk.py --out results.json --bug no-bias-gradients

--bug no-bias-gradients reproduces a real mistake: the NTK summed over the weights only.
"""

import argparse
import json

import torch

WIDTHS = [64, 64]  # hidden widths
SIGMA_W2 = [2.0, 2.0, 1.0]  # per weight layer; the last is the output layer
INPUTS = [[1.0, 0.0, 0.0], [0.6, 0.8, 0.0]]


class MLP(torch.nn.Module):
    def __init__(self, n_in):
        super().__init__()
        sizes = [n_in, *WIDTHS, 1]
        self.weights = torch.nn.ParameterList(
            torch.nn.Parameter(torch.randn(m, n, dtype=torch.float64)) for n, m in zip(sizes, sizes[1:])
        )
        self.biases = torch.nn.ParameterList(
            torch.nn.Parameter(torch.zeros(m, dtype=torch.float64)) for m in sizes[1:]
        )

    def forward(self, x):
        h = x
        for layer, (w, b) in enumerate(zip(self.weights, self.biases)):
            z = (SIGMA_W2[layer] / w.shape[1]) ** 0.5 * (w @ h) + b
            h = torch.relu(z) if layer < len(self.weights) - 1 else z
        return h[0]


def sample(seed, bug):
    """One network's NTK matrix and outputs on INPUTS (seed `seed`)."""
    torch.manual_seed(seed)
    net = MLP(len(INPUTS[0]))
    params = list(net.weights) if bug == "no-bias-gradients" else list(net.parameters())
    grads, outputs = [], []
    for x in INPUTS:
        f = net(torch.tensor(x, dtype=torch.float64))
        grads.append(torch.cat([g.reshape(-1) for g in torch.autograd.grad(f, params)]))
        outputs.append(f.item())
    ntk = [[float(ga @ gb) for gb in grads] for ga in grads]
    return ntk, outputs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--networks", type=int, default=400)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bug", choices=["none", "no-bias-gradients"], default="none")
    args = parser.parse_args()

    draws = [sample(args.seed + k, args.bug) for k in range(args.networks)]
    network = {
        "activation": "relu",
        "depth": len(SIGMA_W2),
        "hidden_widths": WIDTHS,
        "sigma_w2": SIGMA_W2,
        "bias": "zero-init",
        # PyTorch's autograd takes relu'(0) = 0.
        "relu_prime_at_0": 0,
    }

    def row(name, quantity, entry, values):
        return {"name": name, "network": network, "inputs": INPUTS, "entry": entry, "quantity": quantity,
                "values": values}

    results = [
        row(f"NTK[{i},{j}]", "ntk_mean", [i, j], [ntk[i][j] for ntk, _ in draws])
        for i, j in [(0, 0), (0, 1), (1, 1)]
    ]
    results.append(row("NTK[0,0] second moment", "ntk_second_moment", [0, 0], [ntk[0][0] for ntk, _ in draws]))
    results.append(row("f(x0) f(x1)", "output_second_moment", [0, 1], [out[0] * out[1] for _, out in draws]))
    with open(args.out, "w") as file:
        json.dump({"results": results}, file)


if __name__ == "__main__":
    main()
