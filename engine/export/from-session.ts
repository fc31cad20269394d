// The exporters' input from a live training session: its document, plan, data, configuration and current weights.
import type { Session } from '../train/session';
import type { ExportSource } from './source';

export async function exportSourceOf(session: Session): Promise<ExportSource> {
  return {
    doc: session.doc,
    plan: session.plan,
    params: await session.executor.getParams(),
    train: session.data.train,
    test: session.data.test,
    config: session.config,
  };
}
