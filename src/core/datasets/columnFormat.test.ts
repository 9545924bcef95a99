import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseColumnFile } from './columnFormat';
import { parseConllu } from './conllu';
import { decodeText, describeParseError } from './parseError';

const conll2003 = `-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER
`;

describe('column format (CoNLL-2003 style)', () => {
  it('reads sentences and tag columns, skipping -DOCSTART-', () => {
    const r = parseColumnFile(conll2003, 'train.txt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.tagColumns).toEqual(['tag1', 'tag2', 'tag3']);
    expect(r.value.sentences.map((s) => s.tokens)).toEqual([
      ['EU', 'rejects', 'German', 'call', '.'],
      ['Peter', 'Blackburn'],
    ]);
    expect(r.value.sentences[0].tags.tag3).toEqual(['B-ORG', 'O', 'B-MISC', 'O', 'O']);
  });

  it('takes column names and sentence labels from comments; CRLF line ends', () => {
    const text =
      '# columns = token pos\r\n# genre = news\r\nThe\tDET\r\ncat\tNOUN\r\n\r\n# genre = fiction\r\nHi\tINTJ\r\n';
    const r = parseColumnFile(text, 'x.tsv');
    expect(r.ok && r.value).toEqual({
      tagColumns: ['pos'],
      labelKeys: ['genre'],
      sentences: [
        { tokens: ['The', 'cat'], tags: { pos: ['DET', 'NOUN'] }, labels: { genre: 'news' } },
        { tokens: ['Hi'], tags: { pos: ['INTJ'] }, labels: { genre: 'fiction' } },
      ],
    });
  });

  it('names the line of a ragged row', () => {
    const r = parseColumnFile('a B\nb C\nc\n', 'bad.txt');
    expect(r.ok ? '' : describeParseError(r.error)).toBe(
      'bad.txt, line 3: expected 2 columns, found 1.',
    );
    const e = parseColumnFile('\n\n', 'empty.txt');
    expect(e.ok ? '' : describeParseError(e.error)).toBe('empty.txt: no sentences found.');
  });
});

// Shaped like Universal Dependencies English EWT, with a multi-word token and an empty node.
const conllu = [
  '# sent_id = 1',
  "# text = I don't know.",
  '1\tI\tI\tPRON\tPRP\tCase=Nom\t3\tnsubj\t_\t_',
  "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
  '2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_',
  "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_",
  '4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\t_',
  '4.1\tknows\tknow\tVERB\tVBZ\t_\t_\t_\t0:root\t_',
  '5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_',
  '',
  '# sent_id = 2',
  '1\tThanks\tthanks\tNOUN\tNNS\t_\t0\troot\t_\tSpaceAfter=No',
  '2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_',
  '',
].join('\n');

describe('CoNLL-U', () => {
  it('reads words with UPOS, XPOS and DEPREL, skipping ranges and empty nodes', () => {
    const r = parseConllu(conllu, 'en_ewt-ud-dev.conllu');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.tagColumns).toEqual(['upos', 'xpos', 'deprel']);
    expect(r.value.sentences[0].tokens).toEqual(['I', 'do', "n't", 'know', '.']);
    expect(r.value.sentences[0].tags.upos).toEqual(['PRON', 'AUX', 'PART', 'VERB', 'PUNCT']);
    expect(r.value.sentences[1].tags.deprel).toEqual(['root', 'punct']);
  });

  it('leaves out a tag column that is empty throughout', () => {
    const r = parseConllu('1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\t_\n', 'x.conllu');
    expect(r.ok && r.value.tagColumns).toEqual(['upos', 'deprel']);
  });

  it('names the line of a broken word line', () => {
    const broken = conllu.replace('4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\t_', '4\tknow\tVERB');
    const r = parseConllu(broken, 'x.conllu');
    expect(r.ok ? '' : describeParseError(r.error)).toBe(
      'x.conllu, line 7: expected 10 tab-separated fields, found 3.',
    );
    const noBlank = parseConllu(conllu.replace('\n\n# sent_id = 2', '\n# sent_id = 2'), 'x.conllu');
    expect(noBlank.ok ? '' : describeParseError(noBlank.error)).toMatch(
      /line 11: word ID 1 where 6 was expected; is a blank line missing/,
    );
    const csv = parseConllu('text,label\nhello,1\n', 'x.csv');
    expect(csv.ok ? '' : describeParseError(csv.error)).toBe(
      'x.csv, line 1: expected 10 tab-separated fields, found 1.',
    );
  });
});

describe('decodeText', () => {
  it('refuses empty and binary files and drops a byte-order mark', () => {
    expect(decodeText(new Uint8Array(), 'a.csv')).toEqual({
      ok: false,
      error: { file: 'a.csv', message: 'the file is empty.' },
    });
    expect(decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1]), 'a.csv')).toEqual({
      ok: false,
      error: { file: 'a.csv', message: 'this looks like a binary file, not text.' },
    });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]), 'a.csv')).toEqual({
      ok: true,
      value: 'hi',
    });
  });
});

describe('tagged-file parsers on arbitrary input (property)', () => {
  const lines = fc.array(
    fc.oneof(
      fc.constant(''),
      fc.constant('# genre = news'),
      fc.constant('1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_'),
      fc.constant('2\tcat\tcat\tNOUN\tNN\t_\t0\troot\t_\t_'),
      fc.constant("1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_"),
      fc.constant('The DET B-NP'),
      fc.string({ maxLength: 30 }),
    ),
    { maxLength: 30 },
  );

  it('never throw; a result is either sentences with aligned tags or a located message', () => {
    fc.assert(
      fc.property(lines, (ls) => {
        const text = ls.join('\n');
        for (const r of [parseConllu(text, 'f.conllu'), parseColumnFile(text, 'f.txt')]) {
          if (!r.ok) {
            expect(r.error.message.length).toBeGreaterThan(0);
            continue;
          }
          for (const s of r.value.sentences) {
            for (const c of r.value.tagColumns) expect(s.tags[c]).toHaveLength(s.tokens.length);
          }
        }
      }),
      { seed: 21, numRuns: 500 },
    );
  });
});
