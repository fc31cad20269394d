// `wiregrad check FILE...`: exit 0 when every file loads (and its data fits the graph); else each issue, per file.
import { formatIssue } from '../graph/issues';
import { missingData, prepare } from '../train/prepare';
import { parseFlags } from './args';
import { nodeDatasetReader } from './datasets-node';
import { CliError, issueLines, readGraph, type CliIO } from './io';
import type { Command } from './command';

const usage = 'wiregrad check FILE...';

export const check: Command = {
  summary: 'validate graph files (exit 0 when all are valid)',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals } = parseFlags('check', args, {}, usage);
    if (positionals.length === 0) throw new CliError(`check: no file given\nusage: ${usage}`);
    let failed = 0;
    for (const file of positionals) {
      try {
        const doc = await readGraph(file);
        // A file that reads data without naming any is valid (the editor and the ONNX export need no rows), but eval
        // and train would refuse it: say so, with their words, and still pass. Otherwise check what eval would run.
        const missing = missingData(doc);
        if (missing) io.err(`${file}: warning: ${formatIssue(missing)}\n`);
        else {
          const p = await prepare(doc, nodeDatasetReader, 'params');
          if (!p.ok) throw new CliError(issueLines(file, p.errors).trimEnd());
        }
        io.out(`${file}: ok\n`);
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        io.err(e.message + '\n');
        failed++;
      }
    }
    return failed > 0 ? 1 : 0;
  },
};
