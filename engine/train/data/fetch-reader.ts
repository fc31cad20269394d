// The browser's (and the Web Worker's) way to read a shipped data set: fetch it from the site's /datasets/.
import type { DatasetFileReader } from './types';

export function fetchDatasetReader(base = '/datasets/'): DatasetFileReader {
  return async (file) => {
    const res = await fetch(base + file);
    if (!res.ok) throw new Error(`HTTP ${res.status} for ${base + file}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}
