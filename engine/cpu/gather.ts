// Writing a minibatch into the source buffers: rows picked by index, x columns as each Input selects them.
import type { Plan } from '../compile/plan';
import type { DataRows } from '../executor';
import type { FloatArray } from '../tensor';

export interface SourceSlot {
  out: FloatArray;
  kind: 'x' | 'y';
  /** x: data column per output feature. y: identity over y features (floats) or a single slot (class indices). */
  columns: Int32Array;
  /** Elements per row in the data array read. */
  stride: number;
  /** columns[0] when the columns are consecutive (the usual case: a row's features copied as they are), else -1. */
  from: number;
}

function consecutive(columns: Int32Array): number {
  for (let j = 1; j < columns.length; j++) if (columns[j] !== columns[0] + j) return -1;
  return columns.length > 0 ? columns[0] : -1;
}

/** Throws a readable Error when the data does not fit the graph's Input/Target nodes. */
export function sourceSlots(plan: Plan, bufs: readonly FloatArray[], data: DataRows): SourceSlot[] {
  return plan.sources.map((s) => {
    const shape = plan.nodes.find((n) => n.id === s.node)?.outShape ?? [];
    if (s.kind === 'y') {
      if (s.yKind !== data.yKind) {
        throw new Error(`Target ${s.node} expects ${s.yKind === 'class' ? 'class indices' : 'float targets'}, but the data's y holds ${data.yKind === 'class' ? 'class indices' : 'floats'}`);
      }
      const f = s.yKind === 'class' ? 1 : Number(shape[1]);
      if (s.yKind === 'float' && f !== data.yFeatures) {
        throw new Error(`Target ${s.node} has ${f} feature${f === 1 ? '' : 's'}, but the data's y has ${data.yFeatures}`);
      }
      const stride = s.yKind === 'class' ? 1 : data.yFeatures;
      const columns = Int32Array.from({ length: f }, (_, i) => i);
      return { out: bufs[s.out], kind: 'y', columns, stride, from: consecutive(columns) };
    }
    const columns = s.columns.map((c, i) => {
      const name = s.columnNames?.[i];
      if (typeof name !== 'string') return c;
      const at = data.columns?.indexOf(name) ?? -1;
      if (at < 0) throw new Error(`Input ${s.node} reads column "${name}", which the data does not have${data.columns ? ` (its columns: ${data.columns.join(', ')})` : ' (the data has no column names)'}`);
      return at;
    });
    for (const c of columns) {
      if (c >= data.xFeatures) throw new Error(`Input ${s.node} reads column ${c}, but the data has ${data.xFeatures} x columns (0 to ${data.xFeatures - 1})`);
    }
    const cols = Int32Array.from(columns);
    return { out: bufs[s.out], kind: 'x', columns: cols, stride: data.xFeatures, from: consecutive(cols) };
  });
}

/** Rows order[start .. start+rows) of `data` into every source; `order` null means rows start.. in file order. */
export function gather(slots: readonly SourceSlot[], data: DataRows, order: Int32Array | null, start: number, rows: number): void {
  for (let s = 0; s < slots.length; s++) {
    const { out, kind, columns, stride, from } = slots[s];
    const src = kind === 'x' ? data.x : data.y;
    const f = columns.length;
    for (let i = 0, o = 0; i < rows; i++, o += f) {
      const r = order ? order[start + i] : start + i;
      const base = r * stride;
      if (from >= 0) {
        for (let j = 0, p = base + from; j < f; j++) out[o + j] = src[p + j];
      } else {
        for (let j = 0; j < f; j++) out[o + j] = src[base + columns[j]];
      }
    }
  }
}
