import { describe, expect, it } from 'vitest';
import { LESSONS, lessonById } from './builtinLessons';
import {
  LESSON_FORMAT,
  decodeLesson,
  encodeLesson,
  lessonFile,
  lessonProblems,
  readLessonFile,
  type Lesson,
} from './lesson';
import { lessonKeys, readLessonLink } from './lessonLink';
import { describeStepSetup } from './describeStep';

const written: Lesson = {
  title: 'Weights & scales',
  summary: 'Two steps.',
  steps: [
    {
      title: 'Equal',
      text: 'Press Train.\n\nThen look.',
      question: 'Which task improved? Why?',
      setup: 'dataset=fashion&epochs=2',
    },
    { title: 'Swamped', text: '', question: '', setup: 'dataset=fashion&epochs=2&w.kind=100' },
  ],
};

describe('built-in lessons', () => {
  it('are numbered 1… in order, with unique ids and at least two steps each', () => {
    expect(LESSONS.map((l) => l.number)).toEqual(LESSONS.map((_, i) => i + 1));
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    expect(LESSONS.length).toBeGreaterThanOrEqual(8);
    for (const lesson of LESSONS) {
      expect(lesson.steps.length, lesson.id).toBeGreaterThanOrEqual(2);
      expect(lesson.summary, lesson.id).not.toBe('');
      for (const step of lesson.steps) {
        expect(step.text, `${lesson.id}: ${step.title}`).not.toBe('');
        expect(step.question, `${lesson.id}: ${step.title}`).toMatch(/\?$/);
      }
    }
  });

  it('open every step without a notice (every setting is one the app reads)', () => {
    for (const lesson of LESSONS) expect(lessonProblems(lesson), lesson.id).toEqual([]);
  });

  it('are found by id or by number', () => {
    expect(lessonById('loss-scales')?.number).toBe(3);
    expect(lessonById('3')?.id).toBe('loss-scales');
    expect(lessonById('0')).toBeNull();
    expect(lessonById(String(LESSONS.length + 1))).toBeNull();
    expect(lessonById('constructor')).toBeNull();
  });
});

describe('lesson files', () => {
  it('round-trip, and name themselves', () => {
    const text = lessonFile(written);
    expect(JSON.parse(text).format).toBe(LESSON_FORMAT);
    expect(readLessonFile(text, 'a.lesson.json')).toEqual({ ok: true, lesson: written });
  });

  it('refuse other files with the file and the field named', () => {
    expect(readLessonFile('{"title": ', 'bad.json')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^bad\.json is not JSON/),
    }); // cut short
    expect(
      readLessonFile(JSON.stringify({ format: 'multitask-playground-bundle' }), 'b.json'),
    ).toMatchObject({ ok: false, message: expect.stringContaining('b.json is not a lesson file') });
    const noSteps = JSON.parse(lessonFile(written)) as Record<string, unknown>;
    noSteps.steps = [];
    expect(readLessonFile(JSON.stringify(noSteps), 'c.lesson.json')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^c\.lesson\.json: steps: /),
    });
    const badStep = JSON.parse(lessonFile(written)) as { steps: Record<string, unknown>[] };
    badStep.steps[1].question = 7;
    expect(readLessonFile(JSON.stringify(badStep), 'd.lesson.json')).toMatchObject({
      ok: false,
      message: expect.stringContaining('steps.1.question'),
    });
  });

  it('keep only the fields a lesson has', () => {
    const extra = JSON.parse(lessonFile(written)) as Record<string, unknown>;
    extra.__proto__polluted = 1;
    (extra.steps as Record<string, unknown>[])[0].onclick = 'alert(1)';
    const read = readLessonFile(JSON.stringify(extra), 'e.lesson.json');
    expect(read).toEqual({ ok: true, lesson: written });
  });
});

describe('lesson links', () => {
  it('carry a written lesson whole, at a step counted from 1', () => {
    const code = encodeLesson(written);
    const link = readLessonLink(`#${lessonKeys({ kind: 'code', code }, 1)}`);
    expect(link).toMatchObject({ lesson: written, step: 1, rest: '', problem: null });
    expect(decodeLesson(code)).toEqual({ ok: true, lesson: written });
  });

  it('name built-in lessons by id or number, and keep the other settings apart', () => {
    const link = readLessonLink('#dataset=fashion&lesson=3&step=2&w.kind=100');
    expect(link.source).toEqual({ kind: 'builtin', id: 'loss-scales' });
    expect(link.step).toBe(1);
    expect(link.rest).toBe('dataset=fashion&w.kind=100');
  });

  it('say what is wrong, and never throw', () => {
    expect(readLessonLink('#lesson=nope').problem).toMatch(/lesson=nope is not one of/);
    expect(readLessonLink('#lesson=3&step=99')).toMatchObject({
      step: 0,
      problem: expect.stringMatching(/step=99 is not a step of “Loss scales” \(1–4\)/),
    });
    expect(readLessonLink('#lesson.code=%%%').problem).toMatch(
      /damaged: the lesson in the link: it has characters/,
    );
    expect(readLessonLink(`#lesson.code=${encodeLesson(written).slice(0, 20)}`).problem).toMatch(
      /damaged/,
    );
    expect(readLessonLink('#step=2').problem).toMatch(/names no lesson/);
    expect(readLessonLink('#dataset=mnist')).toMatchObject({ source: null, problem: null });
  });
});

describe('describeStepSetup', () => {
  it('says the dataset, model, strategy, changed weights, epochs and seed', () => {
    expect(describeStepSetup('dataset=fashion&preset=hps&epochs=2&w.kind=100')).toBe(
      'Fashion-MNIST · Hard parameter sharing · Static (your weights) · w.kind = 100 · 2 epochs · seed 1',
    );
  });
});
