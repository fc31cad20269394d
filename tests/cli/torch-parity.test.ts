import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT } from './run';

// The same graphs written by hand in PyTorch (float64); wiregrad's `eval --json` (float32) must agree to 1e-4 relative.
const TORCH = `
import json, sys, torch
torch.set_default_dtype(torch.float64)
doc = json.load(sys.stdin)
P = {n['id']: n.get('params', {}) for n in doc['nodes']}
F = lambda v: torch.tensor(v, dtype=torch.float64)
T = lambda v: F(v).requires_grad_()
out = {}
def keep(name, t):
    t.retain_grad(); out[name] = t; return t
if doc['name'].startswith('XOR'):
    x = keep('x', torch.tensor([[0., 0], [0, 1], [1, 0], [1, 1]], requires_grad=True))
    y = torch.tensor([[0.], [1], [1], [0]])
    W1, b1, W2, b2 = T(P['hidden']['weight']), T(P['hidden']['bias']), T(P['out']['weight']), T(P['out']['bias'])
    h = keep('hidden', x @ W1.T + b1); a = keep('act', torch.tanh(h)); o = keep('out', a @ W2.T + b2)
    p = keep('prob', torch.sigmoid(o)); loss = torch.nn.functional.binary_cross_entropy(p, y)
    params = {'hidden.weight': W1, 'hidden.bias': b1, 'out.weight': W2, 'out.bias': b2}
else:
    d = doc['training']['data']['inline']
    x = F(d['x']); y = F(d['y'])
    x1 = keep('x1', x[:, :1].clone().requires_grad_()); x2 = keep('x2', x[:, 1:].clone().requires_grad_())
    w = T(P['w']['value'])
    m1 = keep('m1', x1 * w); m2 = keep('m2', x2 * w); s = keep('add', m1 + m2)
    loss = torch.nn.functional.mse_loss(s, y)
    params = {'w.value': w}
loss.backward()
print(json.dumps({'loss': loss.item(),
  'values': {k: t.detach().tolist() for k, t in out.items()}, 'grads': {k: t.grad.tolist() for k, t in out.items()},
  'params': {k: {'value': t.detach().tolist(), 'grad': t.grad.tolist()} for k, t in params.items()}}))
`;

function torch(docText: string): { loss: number; values: Record<string, unknown>; grads: Record<string, unknown>; params: Record<string, { value: unknown; grad: unknown }> } {
  const r = spawnSync('/usr/bin/python3', ['-c', TORCH], { input: docText, encoding: 'utf8', timeout: 60_000 });
  if (r.error || r.status !== 0) throw new Error(`PyTorch (/usr/bin/python3 with Debian's python3-torch) failed: ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout);
}

const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

function expectClose(actual: unknown, expected: unknown, what: string): void {
  const a = flat(actual), e = flat(expected);
  expect(a.length, what).toBe(e.length);
  a.forEach((v, i) => expect(Math.abs(v - e[i]), `${what}[${i}]: ${v} vs ${e[i]}`).toBeLessThanOrEqual(1e-4 * Math.max(Math.abs(e[i]), 1e-2)));
}

describe('eval --json agrees with PyTorch float64', () => {
  it('xor-mlp after training (Linear, Tanh, Sigmoid, BCELoss): loss, every edge value and gradient, every param', async () => {
    const trained = `${ROOT}public/examples/xor-mlp.json`;
    // Train a little first so the weights are not the initial ones, then compare on the written file.
    const out = join(tmpdir(), `wiregrad-parity-xor-${process.pid}.json`);
    expect((await cli(['train', trained, '--steps', '20', '--out', out])).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const ours = JSON.parse((await cli(['eval', out, '--json'])).out);
    rmSync(out);
    const ref = torch(text);
    expect(ours.loss).toBeCloseTo(ref.loss, 5);
    // edges: e1 x→hidden, e2 hidden→act, e3 act→out, e4 out→prob, e5 prob→loss; the gradient is that of the source's output.
    const source: Record<string, string> = { e1: 'x', e2: 'hidden', e3: 'act', e4: 'out', e5: 'prob' };
    for (const [edge, node] of Object.entries(source)) {
      expectClose(ours.edges[edge].value, ref.values[node], `${edge} value`);
      expectClose(ours.edges[edge].grad, ref.grads[node], `${edge} grad`);
    }
    for (const [k, p] of Object.entries(ref.params)) {
      expectClose(ours.params[k].value, p.value, `${k} value`);
      expectClose(ours.params[k].grad, p.grad, `${k} grad`);
    }
  });

  it('weight-sharing: the shared parameter’s gradient, and each path’s edge gradient', async () => {
    const file = `${ROOT}public/examples/weight-sharing.json`;
    const ours = JSON.parse((await cli(['eval', file, '--json'])).out);
    const ref = torch(readFileSync(file, 'utf8'));
    expect(ours.loss).toBeCloseTo(ref.loss, 5);
    expectClose(ours.params['w.value'].grad, ref.params['w.value'].grad, 'w grad');
    for (const [edge, node] of Object.entries({ e1: 'x1', e3: 'x2', e5: 'm1', e6: 'm2', e7: 'add' })) {
      expectClose(ours.edges[edge].value, ref.values[node], `${edge} value`);
      expectClose(ours.edges[edge].grad, ref.grads[node], `${edge} grad`);
    }
  });
});
