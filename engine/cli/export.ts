// `wiregrad export FILE --to pytorch|onnx -o OUT [--node ID]...`: a training script for PyTorch, or the forward graph as ONNX.
import { writeFile } from 'node:fs/promises';
import { compile } from '../compile/compile';
import { exportSourceOf } from '../export/from-session';
import { exportOnnx } from '../export/onnx';
import { exportPytorch } from '../export/pytorch';
import type { ExportModel } from '../export/source';
import type { GraphDoc } from '../graph/types';
import { parseFlags } from './args';
import type { Command } from './command';
import { CliError, issueLines, readGraph, type CliIO } from './io';
import { openSession } from './open-session';

const usage = 'wiregrad export FILE --to pytorch|onnx -o OUT [--node ID]...  (--node: ONNX outputs; default the loss inputs)';
const TARGETS = ['pytorch', 'onnx'] as const;

/** The model for ONNX: from a session when the graph has data (its Input columns resolve against it), else compiled alone. */
async function onnxModel(file: string, doc: GraphDoc): Promise<{ model: ExportModel; dispose(): void }> {
  if (doc.training?.data) {
    const { session } = await openSession(file, 'cpu', 'params');
    return { model: await exportSourceOf(session), dispose: () => session.dispose() };
  }
  const plan = compile(doc, { batch: 1, seed: doc.training?.seed ?? 0 });
  if (!plan.ok) throw new CliError(issueLines(file, plan.errors).trimEnd());
  return { model: { doc, plan: plan.value }, dispose: () => undefined };
}

async function write(out: string, content: string | Uint8Array): Promise<void> {
  try {
    await writeFile(out, content);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : e instanceof Error ? e.message : String(e);
    throw new CliError(`export: cannot write ${out}: ${why}`);
  }
}

export const exportCommand: Command = {
  summary: 'write a PyTorch training script or an ONNX model of the graph',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags('export', args, {
      to: { type: 'string' }, out: { type: 'string', short: 'o' }, node: { type: 'string', multiple: true },
    }, usage);
    if (positionals.length !== 1) throw new CliError(`export: expected one FILE, got ${positionals.length}\nusage: ${usage}`);
    const to = values.to;
    if (!to || !(TARGETS as readonly string[]).includes(to)) {
      throw new CliError(`export: --to must be one of ${TARGETS.join(', ')}, got ${to === undefined ? 'nothing' : `"${to}"`}\nusage: ${usage}`);
    }
    if (!values.out) throw new CliError(`export: -o OUT is required\nusage: ${usage}`);
    if (values.node && to !== 'onnx') throw new CliError('export: --node chooses ONNX outputs; the PyTorch script always trains the whole graph');
    const [file] = positionals;
    const doc = await readGraph(file);

    if (to === 'pytorch') {
      const { session } = await openSession(file, 'cpu', 'params');
      try {
        const script = exportPytorch(await exportSourceOf(session));
        if (!script.ok) throw new CliError(issueLines(file, script.errors).trimEnd());
        await write(values.out, script.value);
      } finally {
        session.dispose();
      }
      io.out(`${file}: wrote ${values.out} (PyTorch; run: /usr/bin/python3 ${values.out} --steps 100)\n`);
      return 0;
    }

    const { model, dispose } = await onnxModel(file, doc);
    try {
      const onnx = exportOnnx(model, values.node ? { outputs: values.node } : {});
      if (!onnx.ok) throw new CliError(issueLines(file, onnx.errors).trimEnd());
      await write(values.out, onnx.value.bytes);
      const list = (xs: { name: string }[]): string => xs.map((x) => x.name).join(', ');
      io.out(`${file}: wrote ${values.out} (ONNX opset 17; inputs ${list(onnx.value.inputs)}; outputs ${list(onnx.value.outputs)})\n`);
    } finally {
      dispose();
    }
    return 0;
  },
};
