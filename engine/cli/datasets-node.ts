// Node's way to read a shipped data set: the file under public/datasets/ of this checkout.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DatasetFileReader } from '../train/data/types';

export const DATASETS_DIR = fileURLToPath(new URL('../../public/datasets/', import.meta.url));

export const nodeDatasetReader: DatasetFileReader = async (file) => new Uint8Array(await readFile(DATASETS_DIR + file));
