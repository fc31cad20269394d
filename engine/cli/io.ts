// What a command may touch: output streams and whether stderr is a terminal (for the updating progress line).
// Commands take a CliIO so tests can run them in-process and read what they printed.
import { readFile } from 'node:fs/promises';
import { loadGraph } from '../graph/load';
import { formatIssue } from '../graph/issues';
import type { GraphDoc, GraphIssue } from '../graph/types';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: progress may redraw one line with \r. */
  tty: boolean;
}

export const processIO: CliIO = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  tty: process.stderr.isTTY === true,
};

/** A refusal the command reports and turns into exit 1 (never a stack trace). */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export const issueLines = (file: string, issues: readonly GraphIssue[]): string =>
  issues.map((i) => `${file}: ${formatIssue(i)}\n`).join('');

export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : e instanceof Error ? e.message : String(e);
    throw new CliError(`${file}: cannot read the file: ${why}`);
  }
}

/** Reads and loads a graph file; a refusal becomes a CliError listing every issue with the file name. */
export async function readGraph(file: string): Promise<GraphDoc> {
  const loaded = loadGraph(await readText(file));
  if (!loaded.ok) throw new CliError(issueLines(file, loaded.errors).trimEnd());
  return loaded.value;
}
