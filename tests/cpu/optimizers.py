# Reference for tests/cpu/optimizers.test.ts: torch.optim.SGD / Adam over fixed params and per-step grads, float64.
import json
import sys

import torch

out = []
for case in json.load(sys.stdin):
    p = torch.nn.Parameter(torch.tensor(case["p"], dtype=torch.float64))
    o = case["opt"]
    if o["type"] == "sgd":
        opt = torch.optim.SGD([p], lr=o["lr"], momentum=o["momentum"], weight_decay=o["weightDecay"])
    else:
        opt = torch.optim.Adam([p], lr=o["lr"], betas=tuple(o["betas"]), eps=o["eps"], weight_decay=o["weightDecay"])
    for g in case["grads"]:
        opt.zero_grad()
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
    out.append(p.detach().tolist())
print(json.dumps(out))
