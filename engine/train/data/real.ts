// The real data sets shipped in public/datasets/ (scikit-learn's bundled copies of the UCI tables).
// One parser for Node and the browser; only the byte reader differs (DatasetFileReader).
import Papa from 'papaparse';
import { gunzipSync, strFromU8 } from 'fflate';
import type { BuiltinReal } from '../../graph/types';
import { DataError, type DatasetFileReader, type Table } from './types';

interface RealInfo {
  file: string;
  /** digits.csv has no `n_samples,n_features,<classes>` header line. */
  header: boolean;
  columns: readonly string[];
  /** Used when the file has no header. */
  classes?: readonly string[];
}

const MEASURES = ['radius', 'texture', 'perimeter', 'area', 'smoothness', 'compactness', 'concavity',
  'concave points', 'symmetry', 'fractal dimension'];

export const REAL_DATASETS: Record<BuiltinReal, RealInfo> = {
  iris: {
    file: 'iris.csv',
    header: true,
    columns: ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'],
  },
  'breast-cancer': {
    file: 'breast_cancer.csv',
    header: true,
    columns: [...MEASURES.map((m) => `mean ${m}`), ...MEASURES.map((m) => `${m} error`), ...MEASURES.map((m) => `worst ${m}`)],
  },
  wine: {
    file: 'wine_data.csv',
    header: true,
    columns: ['alcohol', 'malic_acid', 'ash', 'alcalinity_of_ash', 'magnesium', 'total_phenols', 'flavanoids',
      'nonflavanoid_phenols', 'proanthocyanins', 'color_intensity', 'hue', 'od280/od315_of_diluted_wines', 'proline'],
  },
  digits: {
    file: 'digits.csv.gz',
    header: false,
    columns: Array.from({ length: 64 }, (_, i) => `pixel_${Math.floor(i / 8)}_${i % 8}`),
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  },
};

/** gzip's magic bytes; a server that already decoded Content-Encoding: gzip hands us plain text. */
const isGzip = (b: Uint8Array): boolean => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;

/** Parses a shipped file: rows of features then an integer class index (the header, when present, names the classes). */
export function parseRealDataset(kind: BuiltinReal, bytes: Uint8Array): Table {
  const info = REAL_DATASETS[kind];
  const text = strFromU8(isGzip(bytes) ? gunzipSync(bytes) : bytes);
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    throw new DataError(`data set ${kind} (${info.file}) is not valid CSV: ${e.message} at row ${e.row ?? '?'}`);
  }
  const rows = parsed.data;
  let classes = info.classes ? [...info.classes] : [];
  if (info.header) classes = rows.shift()?.slice(2) ?? [];
  const features = info.columns.length;
  const n = rows.length;
  const x = new Float64Array(n * features);
  const y = new Int32Array(n);
  rows.forEach((row, i) => {
    if (row.length !== features + 1) {
      throw new DataError(`data set ${kind} (${info.file}) row ${i + 1} has ${row.length} fields, expected ${features + 1}`);
    }
    for (let j = 0; j < features; j++) x[i * features + j] = Number(row[j]);
    const label = Number(row[features]);
    if (!Number.isInteger(label) || label < 0 || label >= classes.length) {
      throw new DataError(`data set ${kind} (${info.file}) row ${i + 1} has class ${row[features]}, expected 0..${classes.length - 1}`);
    }
    y[i] = label;
  });
  if (x.some((v) => !Number.isFinite(v))) throw new DataError(`data set ${kind} (${info.file}) holds a non-numeric feature`);
  return { name: kind, n, features, x, columns: [...info.columns], labels: { kind: 'class', y, classes } };
}

export async function loadRealDataset(kind: BuiltinReal, read: DatasetFileReader): Promise<Table> {
  const file = REAL_DATASETS[kind].file;
  let bytes: Uint8Array;
  try {
    bytes = await read(file);
  } catch (e) {
    throw new DataError(`could not read data set ${kind} (${file}): ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseRealDataset(kind, bytes);
}
