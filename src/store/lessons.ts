import { createStore, get as idbGet, set as idbSet, del as idbDel } from 'idb-keyval';
import { create } from 'zustand';
import {
  LESSON_FILE_SUFFIX,
  LESSON_LIMITS,
  lessonFile,
  lessonProblems,
  readLessonFile,
  type Lesson,
  type LessonStep,
} from '../core/lessons/lesson';
import { codeSource, lessonKeys, type LessonSource } from '../core/lessons/lessonLink';
import { safeFileName } from '../core/fileName';
import { serializeSetup } from '../core/urlState';
import { useAppStore, writeHash } from './appStore';
import { openLessonStep } from './sharing';
import { guarded, storageFailed } from './storageHealth';

const app = useAppStore;

// ---- Playing ----

export const lessonPlayer = {
  /** Starts a lesson at a step (the first by default): its settings replace the work on screen. */
  open(lesson: Lesson, source: LessonSource, step = 0): void {
    const problems = lessonProblems(lesson);
    openLessonStep({ lesson, source, step });
    // Said once, on opening: the settings the app will not use in every step, named by step
    // (the opened step's own notices are among them).
    if (problems.length > 0) app.setState({ notices: problems });
  },
  goTo(step: number): void {
    const playing = app.getState().lesson;
    if (!playing || step < 0 || step >= playing.lesson.steps.length) return;
    openLessonStep({ ...playing, step });
  },
  next(): void {
    const playing = app.getState().lesson;
    if (playing) lessonPlayer.goTo(playing.step + 1);
  },
  previous(): void {
    const playing = app.getState().lesson;
    if (playing) lessonPlayer.goTo(playing.step - 1);
  },
  /** The step's own settings again, whatever was changed since. */
  resetStep(): void {
    const playing = app.getState().lesson;
    if (playing) lessonPlayer.goTo(playing.step);
  },
  /** Leaves the lesson; the work on screen stays. */
  leave(): void {
    app.setState({ lesson: null });
    writeHash(app.getState().setup);
  },
};

/** The link that opens a lesson at a step, on this page. */
export function lessonUrl(source: LessonSource, step = 0): string {
  return `${window.location.origin}${window.location.pathname}#${lessonKeys(source, step)}`;
}

// ---- Writing ----

interface DraftState {
  /** The lesson being written; null when none. */
  draft: Lesson | null;
  /** Why the draft was not saved or a file not read, as a sentence. */
  problem: string | null;
}

export const useLessonDraft = create<DraftState>()(() => ({ draft: null, problem: null }));
const draftStore = useLessonDraft;

const idb = createStore('multitask-playground-lessons', 'drafts');
const DRAFT_KEY = 'draft';
const SAVE_DELAY_MS = 400;

function change(update: (lesson: Lesson) => Lesson): void {
  const draft = draftStore.getState().draft;
  if (draft) draftStore.setState({ draft: update(draft), problem: null });
}

const setupOnScreen = () => serializeSetup({ ...app.getState().setup, autotrain: false });
const stepOf = (title: string): LessonStep => ({
  title,
  text: '',
  question: '',
  setup: setupOnScreen(),
});

export const lessonWriter = {
  /** A new lesson whose first step is the setup on screen. */
  start(): void {
    draftStore.setState({
      draft: { title: 'My lesson', summary: '', steps: [stepOf('Step 1')] },
      problem: null,
    });
  },
  /** Adds the setup on screen as the last step. */
  recordStep(): void {
    change((l) =>
      l.steps.length >= LESSON_LIMITS.steps
        ? l
        : { ...l, steps: [...l.steps, stepOf(`Step ${l.steps.length + 1}`)] },
    );
  },
  /** The step's settings become the setup on screen. */
  rerecordStep(index: number): void {
    change((l) => ({
      ...l,
      steps: l.steps.map((s, i) => (i === index ? { ...s, setup: setupOnScreen() } : s)),
    }));
  },
  editStep(index: number, edit: Partial<Omit<LessonStep, 'setup'>>): void {
    change((l) => ({ ...l, steps: l.steps.map((s, i) => (i === index ? { ...s, ...edit } : s)) }));
  },
  moveStep(index: number, by: -1 | 1): void {
    change((l) => {
      const to = index + by;
      if (to < 0 || to >= l.steps.length) return l;
      const steps = [...l.steps];
      [steps[index], steps[to]] = [steps[to], steps[index]];
      return { ...l, steps };
    });
  },
  deleteStep(index: number): void {
    change((l) =>
      l.steps.length <= 1 ? l : { ...l, steps: l.steps.filter((_, i) => i !== index) },
    );
  },
  editLesson(edit: Partial<Pick<Lesson, 'title' | 'summary'>>): void {
    change((l) => ({ ...l, ...edit }));
  },
  /** Plays the draft as the class will see it. */
  play(): void {
    const draft = draftStore.getState().draft;
    if (draft) lessonPlayer.open(draft, codeSource(draft));
  },
  close(): void {
    draftStore.setState({ draft: null, problem: null });
  },
  /** Opens a lesson file for editing; a bad file is named and the draft on screen stays. */
  async openFile(file: File): Promise<void> {
    const read = readLessonFile(await file.text(), file.name);
    if (read.ok) draftStore.setState({ draft: read.lesson, problem: null });
    else draftStore.setState({ problem: read.message });
  },
  /** Edits a copy of the lesson being played. */
  editPlaying(): void {
    const playing = app.getState().lesson;
    if (playing) draftStore.setState({ draft: structuredClone(playing.lesson), problem: null });
  },
};

export const draftLink = (draft: Lesson) => lessonUrl(codeSource(draft));

export const draftFile = (draft: Lesson) => ({
  fileName: `${safeFileName(draft.title || 'lesson')}${LESSON_FILE_SUFFIX}`,
  text: lessonFile(draft),
});

/** Opens a lesson file to play it; a bad file is named in the banner and nothing changes. */
export async function playLessonFile(file: File): Promise<void> {
  const read = readLessonFile(await file.text(), file.name);
  if (!read.ok) {
    app.setState({
      banner: {
        tone: 'error',
        text: `${read.message} Nothing in it was used; your work is unchanged.`,
      },
    });
    return;
  }
  lessonPlayer.open(read.lesson, codeSource(read.lesson));
}

/** Brings back the draft saved on this device, then keeps saving it as it changes. */
export async function startDraftAutosave(): Promise<void> {
  try {
    const text = await guarded(() => idbGet<unknown>(DRAFT_KEY, idb));
    if (typeof text === 'string' && draftStore.getState().draft === null) {
      const read = readLessonFile(text, 'the lesson draft saved on this device');
      if (read.ok) draftStore.setState({ draft: read.lesson });
    }
  } catch (error) {
    storageFailed('read the lesson draft', error);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  draftStore.subscribe((state, before) => {
    if (state.draft === before.draft) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const draft = draftStore.getState().draft;
      guarded(() =>
        draft ? idbSet(DRAFT_KEY, lessonFile(draft), idb) : idbDel(DRAFT_KEY, idb),
      ).catch((error: unknown) => storageFailed('save the lesson draft', error));
    }, SAVE_DELAY_MS);
  });
}
