// A Dawn device for the Node tests; a missing adapter is a failure with the fix, never a skip.
import { noAdapterMessage, requestNodeDevice, type NodeDevice } from '../../../engine/webgpu/node-gpu';

/** The adapter the GPU tests must run on: SwiftShader here and in CI; set WIREGRAD_EXPECT_ADAPTER on a real GPU. */
export const EXPECTED_ADAPTER = process.env.WIREGRAD_EXPECT_ADAPTER ?? 'swiftshader';

export async function nodeDevice(): Promise<NodeDevice> {
  const d = await requestNodeDevice();
  if (!d) throw new Error(noAdapterMessage());
  return d;
}
