// The text of the exported script around the model: data, minibatch order, optimiser and the lecture's training loop.

export interface ScriptParts {
  title: string;
  /** Python definitions (helper functions, autograd Functions), written before the model. */
  helpers: string[];
  /** Lines of `Model.__init__` after `super().__init__()`. */
  init: string[];
  /** Lines of `Model.forward(self, x, y)`. */
  forward: string[];
  xTrain: string;
  yTrain: string;
  xTest: string;
  yTest: string;
  batchSize: number;
  shuffle: boolean;
  seed: number;
  /** A Python list of lists: wiregrad's shuffled row order for the first epochs. */
  epochOrders: string;
  /** `torch.optim.SGD(model.parameters(), ...)`, or null when the model has no parameters. */
  optimizer: string | null;
  /** A Python expression over `out` and `y` giving the accuracy, or null when the task has none. */
  accuracy: string | null;
}

// Entries may span several lines (wrapped literals): every line gets the pad.
const indent = (lines: readonly string[], pad: string): string =>
  lines.flatMap((l) => l.split('\n')).map((l) => pad + l).join('\n');

function docTitle(title: string): string {
  return title.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"').replace(/\s+/g, ' ');
}

export function trainingScript(p: ScriptParts): string {
  const helpers = p.helpers.length > 0 ? `\n\n${p.helpers.join('\n\n\n')}\n` : '';
  const accuracy = p.accuracy === null ? '' : `

def accuracy(model, x, y):
    """Share of rows classified right, as wiregrad measures it."""
    model.eval()
    with torch.no_grad():
        _, out = model(x, y)
        return ${p.accuracy}
`;
  const report = p.accuracy === null ? '' : `
    # Anything after the losses starts with '#'.
    print(f"# train accuracy: {accuracy(model, X_TRAIN, Y_TRAIN):.4f}")
    if X_TEST is not None:
        print(f"# test accuracy: {accuracy(model, X_TEST, Y_TEST):.4f}")
`;
  const optimizer = p.optimizer === null ? 'None  # the graph has no parameters to train' : p.optimizer;
  const step = p.optimizer === null
    ? `        model.train()
        loss, _ = model(xb, yb)`
    : `        model.train()
        optimizer.zero_grad()
        loss, _ = model(xb, yb)  # forward: the graph in order, then its loss
        loss.backward()
        optimizer.step()`;
  return `#!/usr/bin/env python3
"""${docTitle(p.title)}: exported from wiregrad.

    python3 model.py --steps 100 [--no-shuffle]

trains as wiregrad does (same weights, same float32 rows, same minibatches, same optimiser) and prints
one loss per line, one line per step; summary lines after the losses start with '#'. Needs only PyTorch.
"""
import argparse
import base64
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
${helpers}

class Model(nn.Module):
    def __init__(self):
        super().__init__()
${indent(p.init.length > 0 ? p.init : ['pass'], '        ')}

    def forward(self, x, y):
${indent(p.forward, '        ')}


# The data, exactly the float32 rows wiregrad trains and tests on.
X_TRAIN = ${p.xTrain}
Y_TRAIN = ${p.yTrain}
X_TEST = ${p.xTest}
Y_TEST = ${p.yTest}

BATCH_SIZE = ${p.batchSize}
SHUFFLE = ${p.shuffle ? 'True' : 'False'}
SEED = ${p.seed}
# wiregrad's shuffled row order for the first epochs (its generator is not torch's, so the orders are embedded).
EPOCH_ORDERS = ${p.epochOrders}


def epoch_order(epoch, shuffle):
    n = len(X_TRAIN)
    if not shuffle:
        return torch.arange(n)
    if epoch < len(EPOCH_ORDERS):
        return torch.tensor(EPOCH_ORDERS[epoch])
    # Past the embedded epochs torch's generator takes over: from here on the rows differ from wiregrad's.
    if epoch == len(EPOCH_ORDERS):
        print(f"note: epoch {epoch + 1} on shuffles with torch's generator, not wiregrad's", file=sys.stderr)
    return torch.randperm(n, generator=torch.Generator().manual_seed(SEED * 1_000_003 + epoch))


def minibatches(shuffle):
    """Row indices of each step: every epoch visits every row once, BATCH_SIZE at a time (drop_last=False)."""
    epoch = 0
    while True:
        order = epoch_order(epoch, shuffle)
        for start in range(0, len(order), BATCH_SIZE):
            yield order[start:start + BATCH_SIZE]
        epoch += 1
${accuracy}

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100, help="training steps (one minibatch each)")
    parser.add_argument("--no-shuffle", action="store_true", help="visit the rows in file order")
    args = parser.parse_args()

    model = Model()
    optimizer = ${optimizer}
    batches = minibatches(SHUFFLE and not args.no_shuffle)
    for _ in range(args.steps):
        rows = next(batches)
        xb, yb = X_TRAIN[rows], Y_TRAIN[rows]
${step}
        print(f"{loss.item():.9g}")
${report}

if __name__ == "__main__":
    main()
`;
}
