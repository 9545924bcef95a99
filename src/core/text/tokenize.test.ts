import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildVocabulary,
  encodeTags,
  encodeTokens,
  OOV_ID,
  PAD_ID,
  tokenize,
  type TextPipeline,
} from './tokenize';

const pipeline: TextPipeline = { level: 'word', lowercase: true, maxLength: 4, vocabSize: 5 };

describe('tokenize', () => {
  it('splits words, numbers and punctuation, keeping inner apostrophes and hyphens', () => {
    expect(tokenize("Don't stop-over at 3.5 km, O'Brien!", 'word')).toEqual([
      "Don't",
      'stop-over',
      'at',
      '3.5',
      'km',
      ',',
      "O'Brien",
      '!',
    ]);
    expect(tokenize('Café naïve', 'word')).toEqual(['Café', 'naïve']);
  });

  it('splits characters, folding runs of white space', () => {
    expect(tokenize(' a  b\n', 'char')).toEqual(['a', ' ', 'b']);
  });
});

describe('vocabulary and encoding', () => {
  const texts = [
    ['The', 'cat', 'sat'],
    ['the', 'dog', 'sat', 'down', 'today'],
    ['A', 'cat'],
  ];

  it('keeps the most frequent tokens after <pad> and <unk>, ties alphabetical', () => {
    // counts: the 2, cat 2, sat 2, a 1, dog 1, down 1, today 1
    expect(buildVocabulary(texts, pipeline)).toEqual(['<pad>', '<unk>', 'cat', 'sat', 'the']);
  });

  it('pads, truncates and maps unknown tokens', () => {
    const vocab = buildVocabulary(texts, pipeline);
    const enc = encodeTokens(texts, vocab, pipeline);
    const [cat, sat, the] = [2, 3, 4];
    expect(Array.from(enc.ids)).toEqual([
      the,
      cat,
      sat,
      PAD_ID,
      the,
      OOV_ID,
      sat,
      OOV_ID,
      OOV_ID,
      cat,
      PAD_ID,
      PAD_ID,
    ]);
    expect(Array.from(enc.lengths)).toEqual([3, 4, 2]);
    expect(enc.truncated).toBe(1);
    // 9 tokens kept; dog, down and a are unknown.
    expect(enc.oovRate).toBeCloseTo(3 / 9, 12);
  });

  it('tags are padded with −1 and cut like the tokens', () => {
    expect(
      Array.from(encodeTags([Int32Array.from([1, 2]), Int32Array.from([0, 1, 2, 3, 4])], 4)),
    ).toEqual([1, 2, -1, -1, 0, 1, 2, 3]);
  });

  it('never yields an id outside the vocabulary, whatever the text (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 40 }), { maxLength: 20 }),
        fc.integer({ min: 2, max: 30 }),
        (raw, size) => {
          const p: TextPipeline = {
            level: 'word',
            lowercase: false,
            maxLength: 8,
            vocabSize: size,
          };
          const tokens = raw.map((t) => tokenize(t, 'word'));
          const vocab = buildVocabulary(tokens, p);
          expect(vocab.length).toBeLessThanOrEqual(size);
          for (const id of encodeTokens(tokens, vocab, p).ids)
            expect(id >= 0 && id < Math.max(vocab.length, 2)).toBe(true);
        },
      ),
      { seed: 3, numRuns: 200 },
    );
  });
});
