import { parseSetup, serializeSetup, type Setup } from '../urlState';
import { fromBase64Url, toBase64Url } from './base64url';
import { decodeWeights, type WeightSet } from './weightsCodec';

/** Browsers and chat apps carry links of a few MB; past this the dialog offers a bundle instead. */
export const MAX_SHARE_LINK_CHARS = 1.5 * 1024 * 1024;
/** `#bundle=` URLs longer than this are not addresses anyone typed or pasted. */
const MAX_BUNDLE_URL_CHARS = 2048;

/**
 * The fragment of a share link: the setup (#2's URL state) and, when given, the trained weights
 * (`weights=`: weightsCodec's uint8 encoding in base64url).
 */
export function shareHash(setup: Setup, encodedWeights: Uint8Array | null): string {
  const settings = serializeSetup({ ...setup, autotrain: false });
  if (!encodedWeights) return `#${settings}`;
  return `#${settings}${settings ? '&' : ''}weights=${toBase64Url(encodedWeights)}`;
}

export type OpenedLink =
  /** Settings only, read leniently: a bad value becomes a notice and its default stands in. */
  | { kind: 'settings'; setup: Setup; notices: string[] }
  /** A trained model: everything in it checked. */
  | { kind: 'trained'; setup: Setup; weights: WeightSet }
  /** A hosted bundle to fetch, after asking. */
  | { kind: 'bundle'; url: string }
  /** Refused as a whole: the current work stays. */
  | { kind: 'damaged'; message: string };

/**
 * Reads a location hash from outside. A link that carries weights was written by the app, so
 * anything wrong in it means it was cut short or altered: it is refused whole rather than half
 * applied. Never throws.
 */
export function openLink(hash: string): OpenedLink {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(text);
  } catch {
    return { kind: 'damaged', message: 'it is not a link this app wrote' };
  }
  const bundle = params.get('bundle');
  if (bundle !== null) {
    const url = bundleUrl(bundle);
    return url.ok ? { kind: 'bundle', url: url.url } : { kind: 'damaged', message: url.message };
  }
  const weightsText = params.get('weights');
  if (weightsText === null) return { kind: 'settings', ...parseSetup(text) };
  params.delete('weights');
  const { setup, notices } = parseSetup(params.toString());
  if (notices.length > 0) return { kind: 'damaged', message: notices[0] };
  const bytes = fromBase64Url(weightsText);
  if (!bytes) return { kind: 'damaged', message: 'its weights are not valid base64url' };
  const weights = decodeWeights(bytes);
  if (!weights.ok)
    return { kind: 'damaged', message: `its weights could not be read: ${weights.message}` };
  return { kind: 'trained', setup, weights: weights.value };
}

/** A `#bundle=` address: https only (no local files, no plain http), of a sane length. */
export function bundleUrl(
  text: string,
): { ok: true; url: string } | { ok: false; message: string } {
  if (text.length > MAX_BUNDLE_URL_CHARS) {
    return { ok: false, message: `its bundle address is over ${MAX_BUNDLE_URL_CHARS} characters` };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'its bundle address is not a URL' };
  }
  if (url.protocol !== 'https:') {
    return {
      ok: false,
      message: `bundles open from https:// addresses only, not ${url.protocol}//`,
    };
  }
  return { ok: true, url: url.href };
}
