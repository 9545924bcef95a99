import { useState } from 'react';
import { LESSONS } from '../../core/lessons/builtinLessons';
import { LESSON_FILE_ACCEPT } from '../../core/lessons/lesson';
import { FileButton } from '../common/FileButton';
import { lessonPlayer, lessonWriter, playLessonFile, useLessonDraft } from '../../store/lessons';
import { useModal } from '../common/useModal';

/** "Lessons": the built-in ones, a lesson file, or writing one. */
export function LessonsMenu() {
  const [open, setOpen] = useState(false);
  const dialog = useModal(open);
  const hasDraft = useLessonDraft((s) => s.draft !== null);
  const close = () => setOpen(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Lessons
      </button>
      <dialog
        ref={dialog}
        className="confirm-dialog lessons-dialog"
        aria-labelledby="lessons-title"
        onCancel={close}
      >
        <h3 id="lessons-title">Lessons</h3>
        <p className="hint">
          Each lesson is a few prepared steps with something to say and a question for the class.
          Each step opens its settings; press Train and watch. Everything runs in this browser,
          offline too.
        </p>
        <ol className="lesson-list">
          {LESSONS.map((l) => (
            <li key={l.id}>
              <div>
                <strong>
                  {l.number}. {l.title}
                </strong>
                <span className="muted">
                  {' '}
                  · {l.steps.length} steps · <code>#lesson={l.id}</code>
                </span>
                <p className="hint">{l.summary}</p>
              </div>
              <button
                type="button"
                aria-label={`Start lesson ${l.number}: ${l.title}`}
                onClick={() => {
                  close();
                  lessonPlayer.open(l, { kind: 'builtin', id: l.id });
                }}
              >
                Start
              </button>
            </li>
          ))}
        </ol>
        <div className="dialog-buttons">
          <FileButton
            accept={LESSON_FILE_ACCEPT}
            label="Lesson file"
            onFile={(file) => {
              close();
              void playLessonFile(file);
            }}
          >
            Open a lesson file…
          </FileButton>
          <button
            type="button"
            onClick={() => {
              close();
              if (!hasDraft) lessonWriter.start();
              else useLessonDraft.setState({ problem: null });
              // The editor sits at the top of the settings column.
              requestAnimationFrame(() =>
                document.getElementById('lesson-editor-heading')?.scrollIntoView(),
              );
            }}
          >
            {hasDraft ? 'Go on writing your lesson' : 'Write a lesson'}
          </button>
          <button type="button" onClick={close}>
            Close
          </button>
        </div>
      </dialog>
    </>
  );
}
