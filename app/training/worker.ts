// The training Web Worker: the engine's session behind a message loop (see trainer.ts for the loop itself).
import { Trainer } from './trainer';
import { openSession } from './openSession';
import type { FromWorker, ToWorker } from './protocol';

const scope = self as unknown as {
  postMessage(msg: FromWorker, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};

const trainer = new Trainer(openSession, (msg, transfer) => scope.postMessage(msg, transfer ?? []));

scope.onmessage = (e) => {
  void trainer.handle(e.data);
};
