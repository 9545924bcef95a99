import { decodeLesson, encodeLesson, type Lesson } from './lesson';
import { LESSONS, lessonById } from './builtinLessons';

/** Which lesson a link plays: a built-in one by id, or one written in the app, carried whole. */
export type LessonSource = { kind: 'builtin'; id: string } | { kind: 'code'; code: string };

/** The lesson keys of a link, taken out of its settings. */
export interface LessonLink {
  /** Null when the link names no lesson (or names it wrongly: see `problem`). */
  source: LessonSource | null;
  lesson: Lesson | null;
  /** 0-based; the link's `step=` counts from 1, as a class does. */
  step: number;
  /** The link's other settings, without the leading '#'. */
  rest: string;
  /** Why the lesson keys were not used, as a sentence. */
  problem: string | null;
}

/**
 * Splits `lesson=` (a built-in id, or its number 1–8), `lesson.code=` (a lesson written in the
 * app) and `step=` out of a location hash. Never throws.
 */
export function readLessonLink(hash: string): LessonLink {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const id = params.get('lesson');
  const code = params.get('lesson.code');
  const stepText = params.get('step');
  params.delete('lesson');
  params.delete('lesson.code');
  params.delete('step');
  const rest = params.toString();
  const none = { source: null, lesson: null, step: 0, rest };
  if (id === null && code === null) {
    return {
      ...none,
      problem: stepText === null ? null : `step=${stepText} was ignored: the link names no lesson.`,
    };
  }
  let source: LessonSource;
  let lesson: Lesson;
  if (code !== null) {
    const decoded = decodeLesson(code);
    if (!decoded.ok)
      return { ...none, problem: `This lesson link is damaged: ${decoded.message}.` };
    source = { kind: 'code', code };
    lesson = decoded.lesson;
  } else {
    const found = lessonById(id!);
    if (!found)
      return {
        ...none,
        problem: `lesson=${id} is not one of the lessons (${LESSONS.map((l) => l.id).join(', ')}, or 1–${LESSONS.length}).`,
      };
    source = { kind: 'builtin', id: found.id };
    lesson = found;
  }
  const n = stepText === null ? 1 : Number(stepText);
  const valid = Number.isInteger(n) && n >= 1 && n <= lesson.steps.length;
  return {
    source,
    lesson,
    step: valid ? n - 1 : 0,
    rest,
    problem: valid
      ? null
      : `step=${stepText} is not a step of “${lesson.title}” (1–${lesson.steps.length}); it opens at step 1.`,
  };
}

/** The lesson keys to add to a link's settings: `lesson=…&step=…`. */
export function lessonKeys(source: LessonSource, step: number): string {
  const params = new URLSearchParams();
  if (source.kind === 'builtin') params.set('lesson', source.id);
  else params.set('lesson.code', source.code);
  params.set('step', String(step + 1));
  return params.toString();
}

/** The link keys of a lesson written in the app. */
export const codeSource = (lesson: Lesson): LessonSource => ({
  kind: 'code',
  code: encodeLesson(lesson),
});
