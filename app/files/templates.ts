// The templates menu: public/examples/index.json lists the example graphs shipped with the editor.
export interface TemplateEntry {
  file: string;
  title: string;
  description?: string;
}

function entryOf(v: unknown): TemplateEntry | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const named = [o.file, o.path, o.id, o.name].find((x): x is string => typeof x === 'string');
  const file = named === undefined ? null : named.endsWith('.json') ? named.replace(/^.*\//, '') : `${named}.json`;
  if (!file || !/^[A-Za-z0-9_.-]+\.json$/.test(file)) return null; // a plain file name in examples/, nothing else
  const title = typeof o.title === 'string' ? o.title : typeof o.name === 'string' ? o.name : file;
  const description = [o.lesson, o.description, o.summary].find((x): x is string => typeof x === 'string');
  return { file, title, description };
}

/** Read the index, tolerating an array or `{ examples: [...] }`, entries named by file, path or id. */
export function parseTemplateIndex(json: unknown): TemplateEntry[] {
  const list = Array.isArray(json) ? json : typeof json === 'object' && json !== null ? (json as Record<string, unknown>).examples : null;
  return Array.isArray(list) ? list.map(entryOf).filter((e): e is TemplateEntry => e !== null) : [];
}

export function examplesBase(): string {
  return `${import.meta.env?.BASE_URL ?? '/'}examples/`;
}

export async function fetchTemplates(): Promise<TemplateEntry[]> {
  const r = await fetch(`${examplesBase()}index.json`);
  if (!r.ok) throw new Error(`examples/index.json: HTTP ${r.status}`);
  return parseTemplateIndex(await r.json());
}

export async function fetchTemplateText(file: string): Promise<string> {
  const r = await fetch(`${examplesBase()}${file}`);
  if (!r.ok) throw new Error(`examples/${file}: HTTP ${r.status}`);
  return r.text();
}
