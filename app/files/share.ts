// Share links: the graph file, deflated (fflate) and base64url-encoded, in the URL hash `#g=…`. Over the limit is
// refused with a message rather than making a link that browsers or chat apps would cut.
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { GraphDoc } from '../../engine/graph/types';
import { saveGraph } from '../store/engineApi';

/** The longest hash we make or accept, in characters. */
export const SHARE_LIMIT = 64 * 1024;
/** Decompressed text we accept from a link (a deflate bomb stops here). */
const INFLATED_LIMIT = 8 * 1024 * 1024;
export const HASH_KEY = 'g';

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export type ShareResult = { ok: true; hash: string } | { ok: false; message: string };

/** `#g=…` for `doc`, or why not. */
export function encodeShare(doc: GraphDoc): ShareResult {
  const hash = `#${HASH_KEY}=${toBase64Url(deflateSync(strToU8(saveGraph(doc)), { level: 9 }))}`;
  if (hash.length > SHARE_LIMIT) {
    return {
      ok: false,
      message: `This graph is too large for a link (${Math.ceil(hash.length / 1024)} KB compressed, the limit is ${SHARE_LIMIT / 1024} KB). Save it as a file instead.`,
    };
  }
  return { ok: true, hash };
}

export type DecodeResult = { ok: true; text: string } | { ok: false; message: string } | null;

/** The graph text in a location hash; null when the hash holds no graph. */
export function decodeShare(hash: string): DecodeResult {
  const m = /^#?g=([A-Za-z0-9_-]*)$/.exec(hash);
  if (!m) return null;
  if (hash.length > SHARE_LIMIT) return { ok: false, message: `the link is longer than ${SHARE_LIMIT / 1024} KB` };
  try {
    const bytes = inflateSync(fromBase64Url(m[1]), { out: undefined });
    if (bytes.length > INFLATED_LIMIT) return { ok: false, message: 'the link unpacks to more than 8 MB' };
    return { ok: true, text: strFromU8(bytes) };
  } catch {
    return { ok: false, message: 'the link is damaged (it does not decompress); was it cut short?' };
  }
}
