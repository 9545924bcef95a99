/** How raw text becomes token ids: the settings a user can change on import. */
export interface TextPipeline {
  level: 'word' | 'char';
  lowercase: boolean;
  /** Tokens kept per example; longer ones are cut. */
  maxLength: number;
  /** Vocabulary entries including the two reserved ids. */
  vocabSize: number;
}

export const PAD_ID = 0;
export const OOV_ID = 1;
export const PAD_TOKEN = '<pad>';
export const OOV_TOKEN = '<unk>';

export const DEFAULT_TEXT_PIPELINE: TextPipeline = {
  level: 'word',
  lowercase: true,
  maxLength: 40,
  vocabSize: 5000,
};

// Words (letters with inner apostrophes or hyphens), numbers, or any single other symbol.
const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*|\p{N}+(?:[.,]\p{N}+)*|[^\s\p{L}\p{M}\p{N}]/gu;

/** Splits text into tokens: words and punctuation, or characters. */
export function tokenize(text: string, level: TextPipeline['level']): string[] {
  if (level === 'char') return Array.from(text.replace(/\s+/g, ' ').trim());
  return text.match(WORD) ?? [];
}

/**
 * The `vocabSize − 2` most frequent tokens (ties broken alphabetically, so the result does not
 * depend on input order), after the reserved padding and out-of-vocabulary entries. Built from
 * the texts alone — no labels — so every split may share it.
 */
export function buildVocabulary(
  examples: readonly (readonly string[])[],
  pipeline: TextPipeline,
): string[] {
  const counts = new Map<string, number>();
  for (const tokens of examples) {
    for (const raw of tokens) {
      const t = pipeline.lowercase ? raw.toLowerCase() : raw;
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  }
  const ranked = [...counts].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
  return [
    PAD_TOKEN,
    OOV_TOKEN,
    ...ranked.slice(0, Math.max(0, pipeline.vocabSize - 2)).map(([t]) => t),
  ];
}

export interface EncodedTokens {
  /** Row-major [count × maxLength] ids, PAD_ID after each example's end. */
  ids: Int32Array;
  /** Tokens kept per example (≤ maxLength). */
  lengths: Int32Array;
  /** Examples that were longer than maxLength. */
  truncated: number;
  /** Share of kept tokens that are out of the vocabulary. */
  oovRate: number;
}

export function encodeTokens(
  examples: readonly (readonly string[])[],
  vocabulary: readonly string[],
  pipeline: TextPipeline,
): EncodedTokens {
  const index = new Map(vocabulary.map((t, i) => [t, i]));
  const T = pipeline.maxLength;
  const ids = new Int32Array(examples.length * T);
  const lengths = new Int32Array(examples.length);
  let truncated = 0;
  let oov = 0;
  let kept = 0;
  examples.forEach((tokens, n) => {
    if (tokens.length > T) truncated++;
    const len = Math.min(tokens.length, T);
    lengths[n] = len;
    for (let i = 0; i < len; i++) {
      const t = pipeline.lowercase ? tokens[i].toLowerCase() : tokens[i];
      const id = index.get(t);
      // Reserved entries never match real text.
      const usable = id !== undefined && id > OOV_ID;
      ids[n * T + i] = usable ? id : OOV_ID;
      if (!usable) oov++;
    }
    kept += len;
  });
  return { ids, lengths, truncated, oovRate: kept === 0 ? 0 : oov / kept };
}

/** Row-major [count × maxLength] tag ids, −1 (never counted) after each example's end. */
export function encodeTags(tags: readonly Int32Array[], maxLength: number): Int32Array {
  const out = new Int32Array(tags.length * maxLength).fill(-1);
  tags.forEach((row, n) => out.set(row.subarray(0, maxLength), n * maxLength));
  return out;
}
