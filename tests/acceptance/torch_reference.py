# PyTorch float64 reference for the hand-written graphs in graphs/: written from the spec's "PyTorch meaning"
# column alone, one function per graph. Numbers (data, params) are read from the files; the wiring is by hand.
# Usage: /usr/bin/python3 torch_reference.py GRAPH_DIR  -> one JSON object on stdout: {"eval": {...}, "train": {...}}
import json
import math
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
GRAPHS = sys.argv[1]

# The spec's builtin xor: the unit square's corners in the order (0,0), (0,1), (1,0), (1,1); y = 0/1.
XOR_X = [[0, 0], [0, 1], [1, 0], [1, 1]]
XOR_Y = [[0], [1], [1], [0]]


def tolist(t):
    return t.detach().tolist()


class Graph:
    """One file: its data, its params as leaves, and every edge's tensor recorded as its own clone so that
    edge.grad is the gradient flowing back along that edge alone (the spec's grad(e))."""

    def __init__(self, name, rows=None):
        with open(f"{GRAPHS}/{name}.json") as f:
            self.doc = json.load(f)
        self.nodes = {n["id"]: n for n in self.doc["nodes"]}
        data = self.doc.get("training", {}).get("data")
        if data is None:
            # A graph that reads no data runs on one empty row (the spec's `training` is optional).
            x, y = [[]], [0.0]
        elif "builtin" in data:
            assert data["builtin"] == "xor"
            x, y = XOR_X, XOR_Y
        else:
            x, y = data["inline"]["x"], data["inline"]["y"]
        self.x = torch.tensor(x, dtype=torch.float64)
        self.y = torch.tensor(y)
        if rows is not None:
            self.x, self.y = self.x[rows], self.y[rows]
        self.edges = {}
        self.targets = set()
        self.params = {}

    def param(self, node, name):
        key = f"{node}.{name}"
        if key not in self.params:
            self.params[key] = torch.tensor(self.nodes[node]["params"][name], dtype=torch.float64, requires_grad=True)
        return self.params[key]

    def input(self, node):
        cols = self.nodes[node].get("attrs", {}).get("columns")
        x = self.x if cols is None else self.x[:, cols]
        # Gradient with respect to the data: a leaf of its own per Input node.
        return x.clone().requires_grad_(True)

    def target(self, node):
        attrs = self.nodes[node].get("attrs", {})
        return self.y.long() if "classes" in attrs else self.y.to(torch.float64)

    def constant(self, node):
        return torch.tensor(self.nodes[node]["attrs"]["value"], dtype=torch.float64, requires_grad=True)

    def e(self, eid, t):
        """The tensor as seen by the target's port of edge eid."""
        c = t.clone()
        if c.requires_grad:
            c.retain_grad()
        self.edges[eid] = c
        return c

    def t(self, eid, t):
        """An edge into a loss's target port: it has no gradient."""
        self.targets.add(eid)
        self.edges[eid] = t.detach()
        return t.detach()

    def result(self, loss):
        loss.backward()
        edges = {}
        for k, v in self.edges.items():
            if k in self.targets:
                grad = None
            else:
                # An edge that does not reach the objective carries a zero gradient.
                grad = tolist(v.grad) if v.grad is not None else tolist(torch.zeros_like(v))
            edges[k] = {"value": tolist(v), "grad": grad}
        zero = torch.zeros_like
        params = {k: {"value": tolist(p), "grad": tolist(p.grad if p.grad is not None else zero(p))} for k, p in self.params.items()}
        return {"loss": loss.item(), "edges": edges, "params": params}


def step_none(x):
    # (x > 0).float() with a gradient of exactly 0 (not "no gradient") behind it.
    return (x > 0).to(x.dtype) + 0 * x


def step_identity(x):
    # Straight-through: the value of the step, the gradient of the identity.
    return x + ((x > 0).to(x.dtype) - x).detach()


# ---------------------------------------------------------------- one forward per graph, by hand


def xor_mlp(g):
    x, y = g.input("x"), g.target("y")
    h = F.linear(g.e("e_x", x), g.param("fc1", "weight"), g.param("fc1", "bias"))
    r = F.relu(g.e("e_h", h))
    z = F.linear(g.e("e_r", r), g.param("fc2", "weight"), g.param("fc2", "bias"))
    p = torch.sigmoid(g.e("e_z", z))
    return F.binary_cross_entropy(g.e("e_p", p), g.t("e_y", y))


def logistic_regression(g):
    x, y = g.input("x"), g.target("y")
    z = F.linear(g.e("x-lin", x), g.param("lin", "weight"), g.param("lin", "bias"))
    torch.sigmoid(g.e("lin-proba", z))  # displayed, never reaches the loss
    return F.binary_cross_entropy_with_logits(g.e("lin-loss", z), g.t("y-loss", y), reduction="mean")


def broadcast(g):
    x, y = g.input("x"), g.target("y")
    add1 = g.e("e1", x) + g.e("e2", g.param("bias", "value"))
    mul1 = g.e("e3", g.param("scale", "value")) * g.e("e4", add1)
    sub1 = g.e("e5", mul1) - g.e("e6", g.constant("shift"))
    tanh1 = torch.tanh(g.e("e7", sub1))
    sub2 = g.e("e8", g.constant("two")) - g.e("e9", tanh1)
    mul2 = g.e("e10", sub2) * g.e("e11", g.param("rowscale", "value"))
    return F.mse_loss(g.e("e12", mul2), g.t("e13", y), reduction="sum")


def weight_sharing(g):
    x, y, w, b = g.input("x"), g.target("y"), g.param("w", "value"), g.param("b", "value")
    wx = g.e("w_to_wx", w) * g.e("x_to_wx", x)
    wwx = g.e("w_to_wwx", w) * g.e("wx_to_wwx", wx)
    xx = g.e("x_to_xx_a", x) * g.e("x_to_xx_b", x)
    s1 = g.e("wx_to_s1", wx) + g.e("wwx_to_s1", wwx)
    s2 = g.e("s1_to_s2", s1) + g.e("xx_to_s2", xx)
    f = g.e("s2_to_f", s2) + g.e("b_to_f", b)
    return F.mse_loss(g.e("f_to_loss", f), g.t("y_to_loss", y))


def concat_matmul(g):
    xa, xb, y = g.input("xa"), g.input("xb"), g.target("y")
    cat1 = torch.cat([g.e("xa-cat1", xa), g.e("xb-cat1", xb)], dim=-1)
    mm = g.e("cat1-mm", cat1) @ g.e("W-mm", g.param("W", "value"))
    leaky = F.leaky_relu(g.e("mm-leaky", mm), 0.2)
    cat2 = torch.cat([g.e("leaky-cat2", leaky), g.e("xb-cat2", xb)], dim=-1)
    head = F.linear(g.e("cat2-head", cat2), g.param("head", "weight"))
    return F.mse_loss(g.e("head-loss", head), g.t("y-loss", y), reduction="mean")


def softmax_nll(g):
    x, y = g.input("x"), g.target("y")
    z = F.linear(g.e("e1", x), g.param("logits", "weight"), g.param("logits", "bias"))
    p = torch.softmax(g.e("e2", z), dim=-1)
    return F.nll_loss(g.e("e3", p), g.t("e4", y))


def logsoftmax_nll(g):
    x, y = g.input("x"), g.target("y")
    z = F.linear(g.e("e1", x), g.param("logits", "weight"), g.param("logits", "bias"))
    lp = torch.log_softmax(g.e("e2", z), dim=-1)
    return F.nll_loss(g.e("e3", lp), g.t("e4", y), reduction="sum")


def cross_entropy(g):
    x, y = g.input("x"), g.target("y")
    h = F.linear(g.e("e1", x), g.param("fc1", "weight"), g.param("fc1", "bias"))
    a = torch.tanh(g.e("e2", h))
    z = F.linear(g.e("e3", a), g.param("fc2", "weight"), g.param("fc2", "bias"))
    return F.cross_entropy(g.e("e4", z), g.t("e5", y))


def bce_clamp(g):
    p, x, y = g.input("p"), g.input("x"), g.target("y")
    l1 = F.binary_cross_entropy(g.e("p-bce", p), g.t("y-bce", y), reduction="mean")
    z = F.linear(g.e("x-lin", x), g.param("lin", "weight"), g.param("lin", "bias"))
    s = torch.sigmoid(g.e("lin-sig", z))
    l2 = F.binary_cross_entropy(g.e("sig-bce", s), g.t("y-bce2", y), reduction="sum")
    return l1 + l2


def bce_with_logits(g):
    x, y = g.input("x"), g.target("y")
    z = F.linear(g.e("e1", x), g.param("lin", "weight"), g.param("lin", "bias"))
    return F.binary_cross_entropy_with_logits(g.e("e2", z), g.t("e3", y), reduction="sum")


def mse_sum_vs_mean(g):
    x, y = g.input("x"), g.target("y")
    z = F.linear(g.e("e1", x), g.param("lin", "weight"), g.param("lin", "bias"))
    th = torch.tanh(g.e("e2", z))
    l1 = F.mse_loss(g.e("e3", th), g.t("e4", y), reduction="mean")
    l2 = F.mse_loss(g.e("e5", th), g.t("e6", y), reduction="sum")
    return l1 + l2


def activations(g):
    x = g.input("x")
    u = g.e("x-u", x) * g.e("scale-u", g.param("scale", "value"))
    ge = F.gelu(g.e("u-ge", u))
    gt = F.gelu(g.e("u-gt", u), approximate="tanh")
    ld = F.leaky_relu(g.e("u-ld", u))
    l3 = F.leaky_relu(g.e("u-l3", u), 0.3)
    sg = torch.sigmoid(g.e("u-sig", u))
    d1 = g.e("ge-d1", ge) - g.e("gt-d1", gt)
    p1 = g.e("ld-p1", ld) * g.e("sig-p1", sg)
    s1 = g.e("d1-s1", d1) + g.e("p1-s1", p1)
    s2 = g.e("s1-s2", s1) + g.e("l3-s2", l3)
    avg = torch.mean(g.e("s2-avg", s2))
    return F.mse_loss(g.e("avg-loss", avg), g.t("goal-loss", g.constant("goal")))


def step(g):
    x, y = g.input("x"), g.target("y")
    unit = F.linear(g.e("x-unit", x), g.param("unit", "weight"), g.param("unit", "bias"))
    fire = step_identity(g.e("unit-fire", unit))
    gl = F.linear(g.e("x-gl", x), g.param("gate_lin", "weight"), g.param("gate_lin", "bias"))
    gate = step_none(g.e("gl-gate", gl))
    gated = g.e("gate-gated", gate) * g.e("gain-gated", g.param("gain", "value"))
    out = g.e("fire-out", fire) + g.e("gated-out", gated)
    return F.mse_loss(g.e("out-loss", out), g.t("y-loss", y), reduction="sum")


def reductions(g):
    x = g.input("x")
    xw = g.e("x-xw", x) * g.e("w-xw", g.param("w", "value"))
    sum_all = torch.sum(g.e("xw-sum_all", xw))
    sum_0 = torch.sum(g.e("xw-sum_0", xw), dim=0)
    sum_1 = torch.sum(g.e("xw-sum_1", xw), dim=1)
    mean_1 = torch.mean(g.e("xw-mean_1", xw), dim=1)
    mean_0 = torch.mean(g.e("xw-mean_0", xw), dim=0)
    mean_last = torch.mean(g.e("sum_0-mean_last", sum_0), dim=-1)
    mean_all = torch.mean(g.e("mean_0-mean_all", mean_0))
    sum_last = torch.sum(g.e("x-sum_last", x), dim=-1)
    col_scaled = g.e("sum_0-cs", sum_0) * g.e("v-cs", g.param("v", "value"))
    torch.sum(g.e("cs-cols_sum", col_scaled), dim=0)  # a dead end: computed, never reaches the loss
    row_diff = g.e("sum_1-rd", sum_1) - g.e("mean_1-rd", mean_1)
    row_sq = g.e("rd-sq_a", row_diff) * g.e("sum_last-sq_b", sum_last)
    rows_mean = torch.mean(g.e("sq-rows_mean", row_sq), dim=0)
    t1 = g.e("sum_all-t1", sum_all) + g.e("mean_last-t1", mean_last)
    t2 = g.e("t1-t2", t1) + g.e("mean_all-t2", mean_all)
    t3 = g.e("t2-t3", t2) + g.e("rows_mean-t3", rows_mean)
    return F.mse_loss(g.e("t3-loss", t3), g.t("goal-loss", g.constant("goal")))


def edge_cases(g):
    x, y = g.input("x"), g.target("y")
    a1 = g.e("relu-a1", F.relu(g.e("x-relu", x))) + g.e("leaky-a1", F.leaky_relu(g.e("x-leaky", x), 0.1))
    a2 = g.e("a1-a2", a1) + g.e("step_id-a2", step_identity(g.e("x-step_id", x)))
    a3 = g.e("a2-a3", a2) + g.e("step_none-a3", step_none(g.e("x-step_none", x)))
    smw = g.e("sm-smw", torch.softmax(g.e("x-sm", x), dim=-1)) * g.e("sm_w-smw", g.param("sm_w", "value"))
    a4 = g.e("a3-a4", a3) + g.e("smw-a4", smw)
    a5 = g.e("a4-a5", a4) + g.e("sig-a5", torch.sigmoid(g.e("x-sig", x)))
    a6 = g.e("a5-a6", a5) + g.e("th-a6", torch.tanh(g.e("x-th", x)))
    a7 = g.e("a6-a7", a6) + g.e("ge-a7", F.gelu(g.e("x-ge", x)))
    m = torch.mean(g.e("a7-m", a7))
    mse = F.mse_loss(g.e("m-mse", m), g.t("zero-mse", g.constant("zero")))
    ce = F.cross_entropy(g.e("x-ce", x), g.t("y-ce", y))
    lp = torch.log_softmax(g.e("x-logp", x), dim=-1)
    nll = F.nll_loss(g.e("logp-nll", lp), g.t("y-nll", y), reduction="sum")
    return mse + ce + nll


def no_batch(g):
    mm = g.e("e1", g.param("A", "value")) @ g.e("e2", g.constant("Bc"))
    cat = torch.cat([g.e("e3", g.param("v", "value")), g.e("e4", g.param("w", "value"))], dim=-1)
    sm = torch.softmax(g.e("e5", cat), dim=-1)
    smk = g.e("e6", sm) * g.e("e6k", g.param("k", "value"))
    t = g.e("e8", torch.sum(g.e("e6s", smk))) + g.e("e9", torch.mean(g.e("e7", mm)))
    return F.mse_loss(g.e("e10", t), g.t("e11", g.constant("goal")))


FORWARD = {
    "xor-mlp": xor_mlp,
    "logistic-regression": logistic_regression,
    "broadcast": broadcast,
    "weight-sharing": weight_sharing,
    "concat-matmul": concat_matmul,
    "softmax-nll": softmax_nll,
    "logsoftmax-nll": logsoftmax_nll,
    "cross-entropy": cross_entropy,
    "bce-clamp": bce_clamp,
    "bce-with-logits": bce_with_logits,
    "mse-sum-vs-mean": mse_sum_vs_mean,
    "activations": activations,
    "step": step,
    "reductions": reductions,
    "edge-cases": edge_cases,
    "no-batch": no_batch,
}

# ---------------------------------------------------------------- training loops, by hand (shuffle off)


def train(name, steps):
    """torch.optim on the graph's own forward; one minibatch per step in file order; the loss before each update."""
    g0 = Graph(name)
    t = g0.doc["training"]
    n = g0.x.shape[0]
    batch = t.get("batchSize", n)
    FORWARD[name](g0)  # creates every param leaf in g0.params
    params = dict(g0.params)
    o = t["optimizer"]
    if o["type"] == "sgd":
        opt = torch.optim.SGD(params.values(), lr=o["lr"], momentum=o.get("momentum", 0), weight_decay=o.get("weightDecay", 0))
    else:
        opt = torch.optim.Adam(params.values(), lr=o["lr"], betas=tuple(o.get("betas", [0.9, 0.999])),
                               eps=o.get("eps", 1e-8), weight_decay=o.get("weightDecay", 0))
    losses = []
    per_epoch = math.ceil(n / batch)
    for s in range(steps):
        start = (s % per_epoch) * batch
        g = Graph(name, rows=list(range(start, min(start + batch, n))))
        g.params = params  # the same leaves every step
        opt.zero_grad()
        loss = FORWARD[name](g)
        loss.backward()
        losses.append(loss.item())
        opt.step()
    return {"losses": losses, "params": {k: tolist(p) for k, p in params.items()}}


def main():
    out = {"eval": {}, "train": {}}
    for name, fwd in FORWARD.items():
        g = Graph(name)
        out["eval"][name] = g.result(fwd(g))
    for name in ("xor-mlp", "logistic-regression", "step", "concat-matmul", "cross-entropy", "no-batch"):
        out["train"][name] = train(name, 30)
    json.dump(out, sys.stdout)


main()
