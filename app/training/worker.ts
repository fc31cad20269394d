// The training Web Worker: the engine's session behind a message loop (see trainer.ts for the loop itself).
import { Trainer } from './trainer';
import { openSession } from './openSession';
import type { FromWorker, ToWorker } from './protocol';

const scope = self as unknown as {
  postMessage(msg: FromWorker, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};

/**
 * The trainer's yield between chunks, through the message loop: not setTimeout(0), whose chained timers are clamped to
 * 4 ms and idled the CPU backend's worker ~15% of the time (bench:fps, 50-node graph, CPU backend: ~5,300-6,200 →
 * ~8,700-9,200 steps/s). A message on our own channel queues behind the view's pulls and pauses that arrived meanwhile.
 */
function messageLoopYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

const trainer = new Trainer(openSession, (msg, transfer) => scope.postMessage(msg, transfer ?? []), undefined, messageLoopYield());

scope.onmessage = (e) => {
  void trainer.handle(e.data);
};
