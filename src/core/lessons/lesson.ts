import { z } from 'zod';
import { packJson, unpackJson } from '../share/packedJson';
import { describeIssues } from '../spec/schema';
import { parseSetup } from '../urlState';

/**
 * One step of a lesson: a setup the app opens (a link's settings, `dataset=fashion&w.kind=100`),
 * what to tell the class, and a question to ask it.
 */
export interface LessonStep {
  title: string;
  /** Two or three sentences: what is on screen and what to do (press Train…). */
  text: string;
  /** For the class to answer once the step has run ("Which task improved? Why?"). */
  question: string;
  /** The settings of a link, without the leading '#'. */
  setup: string;
}

export interface Lesson {
  title: string;
  /** One sentence: what the class will see. */
  summary: string;
  steps: LessonStep[];
}

/** A lesson file's `format`, so a file of another kind is named as such. */
export const LESSON_FORMAT = 'multitask-playground-lesson';
export const LESSON_VERSION = 1;
export const LESSON_FILE_SUFFIX = '.lesson.json';
/** What the file pickers offer: lesson files, and JSON saved under another name. */
export const LESSON_FILE_ACCEPT = `${LESSON_FILE_SUFFIX},.json,application/json`;

export const LESSON_LIMITS = {
  steps: 40,
  title: 120,
  text: 2000,
  question: 500,
  /** The longest settings a link reads (`parseSetup`'s cap). */
  setup: 8192,
} as const;

const stepSchema = z.object({
  title: z.string().max(LESSON_LIMITS.title),
  text: z.string().max(LESSON_LIMITS.text),
  question: z.string().max(LESSON_LIMITS.question),
  setup: z.string().max(LESSON_LIMITS.setup),
});

const lessonSchema = z.object({
  title: z.string().min(1).max(LESSON_LIMITS.title),
  summary: z.string().max(LESSON_LIMITS.text),
  steps: z.array(stepSchema).min(1).max(LESSON_LIMITS.steps),
});

const lessonFileSchema = lessonSchema.extend({
  format: z.literal(LESSON_FORMAT),
  version: z.literal(LESSON_VERSION),
});

export type LessonReading = { ok: true; lesson: Lesson } | { ok: false; message: string };

function fromValue(value: unknown, schema: z.ZodType<Lesson>, where: string): LessonReading {
  const parsed = schema.safeParse(value);
  if (parsed.success) {
    // zod leaves out keys its objects do not name; a file's format and version go here.
    const { title, summary, steps } = parsed.data;
    return { ok: true, lesson: { title, summary, steps } };
  }
  return {
    ok: false,
    message: `${where}: ${describeIssues(parsed.error, 'lesson').slice(0, 3).join('; ')}`,
  };
}

/** A lesson as the text of a `.lesson.json` file. */
export function lessonFile(lesson: Lesson): string {
  return `${JSON.stringify({ format: LESSON_FORMAT, version: LESSON_VERSION, ...lesson }, null, 2)}\n`;
}

/** Reads a lesson file from outside; every failure is a sentence naming the file. */
export function readLessonFile(text: string, fileName: string): LessonReading {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      message: `${fileName} is not JSON (${e instanceof Error ? e.message : String(e)}).`,
    };
  }
  if (typeof value === 'object' && value !== null && 'format' in value) {
    const format = (value as { format: unknown }).format;
    if (format !== LESSON_FORMAT)
      return {
        ok: false,
        message: `${fileName} is not a lesson file (its format is ${JSON.stringify(format).slice(0, 60)}, a lesson's is "${LESSON_FORMAT}").`,
      };
  }
  return fromValue(value, lessonFileSchema, fileName);
}

/** Deflated JSON can be large; a lesson of 40 long steps stays well under this. */
const MAX_LESSON_JSON_BYTES = 512 * 1024;

/** A lesson as a URL-safe code, for `lesson.code=` in a link. */
export function encodeLesson(lesson: Lesson): string {
  return packJson(lesson);
}

export function decodeLesson(code: string): LessonReading {
  const unpacked = unpackJson(code, MAX_LESSON_JSON_BYTES, 'a lesson code');
  if (!unpacked.ok) return { ok: false, message: `the lesson in the link: ${unpacked.message}` };
  return fromValue(unpacked.value, lessonSchema, 'the lesson in the link');
}

/** What the app will not use in each step's settings, as sentences naming the step. */
export function lessonProblems(lesson: Lesson): string[] {
  return lesson.steps.flatMap((step, i) =>
    parseSetup(step.setup).notices.map((n) => `Step ${i + 1} (${step.title || 'untitled'}): ${n}`),
  );
}
