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
      return { out: bufs[s.out], kind: 'y', columns: Int32Array.from({ length: f }, (_, i) => i), stride };
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
    return { out: bufs[s.out], kind: 'x', columns: Int32Array.from(columns), stride: data.xFeatures };
  });
}

/** Rows order[start .. start+rows) of `data` into every source; `order` null means rows start.. in file order. */
export function gather(slots: readonly SourceSlot[], data: DataRows, order: Int32Array | null, start: number, rows: number): void {
  for (let s = 0; s < slots.length; s++) {
    const { out, kind, columns, stride } = slots[s];
    const src = kind === 'x' ? data.x : data.y;
    const f = columns.length;
    for (let i = 0; i < rows; i++) {
      const r = order ? order[start + i] : start + i;
      const base = r * stride;
      for (let j = 0; j < f; j++) out[i * f + j] = src[base + columns[j]];
    }
  }
}
