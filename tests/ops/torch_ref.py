# PyTorch float64 reference for the op catalogue (tests/ops/torch-parity.test.ts).
# stdin: {"cases": [{"op", "attrs", "inputs": [{"shape", "data", "grad"}], "params": [{"shape", "data"}], "gradOut": {...}}]}
# stdout: {"results": [{"out": [...], "shape": [...], "inputGrads": [[...] | null], "paramGrads": [[...]]}]}
import json
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def tensor(spec, grad):
    t = torch.tensor(spec["data"], dtype=torch.float64).reshape(spec["shape"])
    return t.requires_grad_(grad)


def step(x, surrogate):
    hard = (x > 0).double()
    # The identity surrogate is the straight-through estimator: value of the step, gradient of the identity.
    return hard + (x - x.detach()) if surrogate == "identity" else hard


def forward(op, a, xs, ps):
    x = xs[0] if xs else None
    if op == "Constant":
        return torch.tensor(a["value"], dtype=torch.float64)
    if op == "Parameter":
        return ps[0] * 1.0
    if op == "Linear":
        return F.linear(x, ps[0], ps[1] if a["bias"] else None)
    if op == "MatMul":
        return xs[0] @ xs[1]
    if op == "Add":
        return xs[0] + xs[1]
    if op == "Sub":
        return xs[0] - xs[1]
    if op == "Mul":
        return xs[0] * xs[1]
    if op == "Concat":
        return torch.cat([xs[0], xs[1]], dim=-1)
    if op == "ReLU":
        return F.relu(x)
    if op == "LeakyReLU":
        return F.leaky_relu(x, a["negativeSlope"])
    if op == "Sigmoid":
        return torch.sigmoid(x)
    if op == "Tanh":
        return torch.tanh(x)
    if op == "GELU":
        return F.gelu(x, approximate=a["approximate"])
    if op == "Step":
        return step(x, a["surrogate"])
    if op == "Softmax":
        return F.softmax(x, dim=-1)
    if op == "LogSoftmax":
        return F.log_softmax(x, dim=-1)
    if op in ("Sum", "Mean"):
        f = torch.sum if op == "Sum" else torch.mean
        return f(x) if a["dim"] is None else f(x, dim=a["dim"])
    r = a.get("reduction")
    if op == "MSELoss":
        return F.mse_loss(x, xs[1], reduction=r)
    if op == "BCELoss":
        return F.binary_cross_entropy(x, xs[1], reduction=r)
    if op == "BCEWithLogitsLoss":
        return F.binary_cross_entropy_with_logits(x, xs[1], reduction=r)
    if op == "CrossEntropyLoss":
        return F.cross_entropy(x, xs[1].long(), reduction=r)
    if op == "NLLLoss":
        return F.nll_loss(x, xs[1].long(), reduction=r)
    raise ValueError(f"torch_ref.py does not know op {op}")


def flat(t):
    return t.detach().reshape(-1).tolist()


def run(case):
    xs = [tensor(s, s["grad"]) for s in case["inputs"]]
    ps = [tensor(s, True) for s in case["params"]]
    out = forward(case["op"], case["attrs"], xs, ps)
    if out.requires_grad:
        out.backward(tensor(case["gradOut"], False).reshape(out.shape))

    # No path to an input (Step without surrogate) means a zero gradient, as autograd's materialised grads.
    def grad(t):
        return flat(t.grad) if t.grad is not None else [0.0] * t.numel()

    return {
        "out": flat(out),
        "shape": list(out.shape),
        "inputGrads": [grad(x) if s["grad"] else None for x, s in zip(xs, case["inputs"])],
        "paramGrads": [grad(p) for p in ps],
    }


payload = json.load(sys.stdin)
json.dump({"results": [run(c) for c in payload["cases"]]}, sys.stdout)
