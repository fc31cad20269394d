// Files for the training UI tests, found from the repo root (jsdom's import.meta.url is not a file URL).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { GraphDoc } from '../../engine/graph/types';
import type { DatasetFileReader } from '../../engine/train/data/types';

const ROOT = resolve(process.cwd());

export const diskReader: DatasetFileReader = async (file) => new Uint8Array(await readFile(resolve(ROOT, 'public/datasets', file)));

export function example(name: string): GraphDoc {
  return JSON.parse(readFileSync(resolve(ROOT, 'public/examples', `${name}.json`), 'utf8')) as GraphDoc;
}
