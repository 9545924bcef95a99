import { lessonById } from '../../core/lessons/builtinLessons';
import { useAppStore } from '../../store/appStore';
import { lessonPlayer, lessonUrl, lessonWriter } from '../../store/lessons';
import { useCopy } from '../common/useCopy';

/** The lesson beside the live app: where the class is, what to say, what to ask. */
export function LessonPlayer() {
  const playing = useAppStore((s) => s.lesson);
  const [copied, copy] = useCopy();
  if (!playing) return null;
  const { lesson, step, source } = playing;
  const current = lesson.steps[step];
  const count = lesson.steps.length;
  const builtin = source.kind === 'builtin' ? lessonById(source.id) : null;
  const copyLink = () => copy(lessonUrl(source, step));
  return (
    <section className="panel lesson-player" aria-labelledby="lesson-heading">
      <header className="lesson-head">
        <h2 id="lesson-heading">
          {builtin ? `Lesson ${builtin.number}` : 'Lesson'} · {lesson.title}
        </h2>
        <button type="button" className="link-button" onClick={lessonPlayer.leave}>
          Leave lesson
        </button>
      </header>
      <div className="lesson-progress">
        <progress max={count} value={step + 1} aria-label="Lesson progress" />
        <span data-testid="lesson-position">
          Step {step + 1} of {count}
        </span>
      </div>
      <ol className="lesson-steps" aria-label="Steps">
        {lesson.steps.map((s, i) => (
          <li key={i}>
            <button
              type="button"
              className={i === step ? 'current' : i < step ? 'done' : undefined}
              aria-current={i === step ? 'step' : undefined}
              aria-label={`Go to step ${i + 1}: ${s.title || 'untitled'}`}
              title={s.title}
              onClick={() => lessonPlayer.goTo(i)}
            >
              {i + 1}
            </button>
          </li>
        ))}
      </ol>
      <h3 className="lesson-step-title">{current.title}</h3>
      {current.text
        .split(/\n\s*\n/)
        .filter((p) => p.trim() !== '')
        .map((p, i) => (
          <p key={i} className="lesson-text">
            {p}
          </p>
        ))}
      {current.question && (
        <blockquote className="lesson-question" aria-label="Question for the class">
          <span className="lesson-question-label">Ask the class</span>
          {current.question}
        </blockquote>
      )}
      <div className="lesson-nav">
        <button type="button" onClick={lessonPlayer.previous} disabled={step === 0}>
          ← Previous
        </button>
        <button
          type="button"
          onClick={lessonPlayer.resetStep}
          title="The step's own settings again"
        >
          Reset this step
        </button>
        <button
          type="button"
          className="primary"
          onClick={lessonPlayer.next}
          disabled={step === count - 1}
        >
          Next step →
        </button>
      </div>
      <div className="lesson-tools">
        <button type="button" className="link-button" onClick={copyLink}>
          {copied ? 'Link copied' : 'Copy link to this step'}
        </button>
        <button type="button" className="link-button" onClick={lessonWriter.editPlaying}>
          Edit a copy
        </button>
      </div>
    </section>
  );
}
