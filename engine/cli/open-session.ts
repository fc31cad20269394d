// Load a graph file and start a training session on it, or a CliError naming the file and every issue.
import type { BackendChoice } from '../executor';
import type { GraphDoc } from '../graph/types';
import { createSession, type Session } from '../train/session';
import { nodeDatasetReader } from './datasets-node';
import { CliError, issueLines, readGraph } from './io';

export async function openSession(file: string, backend: BackendChoice, keep: 'all' | 'params'): Promise<{ doc: GraphDoc; session: Session }> {
  const doc = await readGraph(file);
  const s = await createSession(doc, { read: nodeDatasetReader, backend, keep });
  if (!s.ok) throw new CliError(issueLines(file, s.errors).trimEnd());
  return { doc, session: s.value };
}
