// `wiregrad export FILE --to pytorch|onnx -o OUT`: writes the file, or says what is wrong (exit 1, no stack trace).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeModel } from '../../engine/export/onnx-proto';
import { cli, cliProcess, ROOT, STACK } from '../cli/run';

const XOR = join(ROOT, 'public/examples/xor-mlp.json');
const dir = mkdtempSync(join(tmpdir(), 'wiregrad-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wiregrad export', () => {
  it('writes a PyTorch training script', async () => {
    const out = join(dir, 'model.py');
    const r = await cli(['export', XOR, '--to', 'pytorch', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`wrote ${out}`);
    const py = readFileSync(out, 'utf8');
    expect(py.startsWith('#!/usr/bin/env python3')).toBe(true);
    expect(py).toContain('def main():');
  });

  it('writes an ONNX model of the forward graph, or of the chosen nodes', async () => {
    const out = join(dir, 'model.onnx');
    const r = await cli(['export', XOR, '--to', 'onnx', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ONNX opset 17; inputs x_two_bits; outputs probability_of_1/);
    const m = decodeModel(readFileSync(out)) as { graph: { output: { name: string }[] } };
    expect(m.graph.output.map((o) => o.name)).toEqual(['probability_of_1']);

    const chosen = await cli(['export', XOR, '--to', 'onnx', '-o', out, '--node', 'act', '--node', 'hidden']);
    expect(chosen.code).toBe(0);
    expect((decodeModel(readFileSync(out)) as { graph: { output: { name: string }[] } }).graph.output.map((o) => o.name)).toEqual(['tanh', 'hidden_layer_4_units']);
  });

  it.each([
    [['export', XOR, '-o', 'x.py'], /--to must be one of pytorch, onnx, got nothing/],
    [['export', XOR, '--to', 'tf', '-o', 'x.py'], /--to must be one of pytorch, onnx, got "tf"/],
    [['export', XOR, '--to', 'pytorch'], /-o OUT is required/],
    [['export', '--to', 'onnx', '-o', 'x.onnx'], /expected one FILE, got 0/],
    [['export', join(dir, 'missing.json'), '--to', 'onnx', '-o', join(dir, 'm.onnx')], /missing\.json: cannot read the file: no such file/],
    [['export', XOR, '--to', 'onnx', '-o', join(dir, 'm.onnx'), '--node', 'nope'], /there is no node "nope" to export/],
    [['export', XOR, '--to', 'onnx', '-o', join(dir, 'm.onnx'), '--node', 'loss'], /nodes\[6\] \(id "loss"\): BCELoss loss is a loss/],
    [['export', XOR, '--to', 'pytorch', '-o', join(dir, 'm.py'), '--node', 'act'], /--node chooses ONNX outputs/],
    [['export', XOR, '--to', 'onnx', '-o', join(dir, 'no/such/dir/m.onnx')], /cannot write .*its folder does not exist/],
  ])('refuses %j with a readable message and exit 1', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(STACK);
  });

  it('runs as the command a user types', () => {
    const out = join(dir, 'typed.onnx');
    const r = cliProcess(['export', XOR, '--to', 'onnx', '-o', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});
