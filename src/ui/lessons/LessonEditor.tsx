import { LESSON_FILE_ACCEPT, LESSON_LIMITS } from '../../core/lessons/lesson';
import { FileButton } from '../common/FileButton';
import { describeStepSetup } from '../../core/lessons/describeStep';
import { draftFile, draftLink, lessonWriter, useLessonDraft } from '../../store/lessons';
import { downloadText } from '../common/download';
import { useCopy } from '../common/useCopy';

/** Writing a lesson: each step is the setup on screen when it was recorded, plus its words. */
export function LessonEditor() {
  const draft = useLessonDraft((s) => s.draft);
  const problem = useLessonDraft((s) => s.problem);
  const [copied, copy] = useCopy();
  if (!draft) return null;
  const copyLink = () => copy(draftLink(draft));
  const download = () => {
    const { fileName, text } = draftFile(draft);
    downloadText(fileName, text, 'application/json');
  };
  return (
    <section className="panel lesson-editor" aria-labelledby="lesson-editor-heading">
      <h2 id="lesson-editor-heading">Write a lesson</h2>
      <p className="hint">
        Set the app up as the class should see it, then record it as a step. Steps keep every
        setting (dataset, model, weights, strategy, training); the words are yours.
      </p>
      {problem && (
        <p className="notice error" role="alert">
          {problem}
        </p>
      )}
      <label className="field">
        <span>Lesson title</span>
        <input
          value={draft.title}
          maxLength={LESSON_LIMITS.title}
          onChange={(e) => lessonWriter.editLesson({ title: e.target.value })}
        />
      </label>
      <label className="field">
        <span>What the class will see (one sentence)</span>
        <textarea
          rows={2}
          value={draft.summary}
          maxLength={LESSON_LIMITS.text}
          onChange={(e) => lessonWriter.editLesson({ summary: e.target.value })}
        />
      </label>
      <ol className="draft-steps">
        {draft.steps.map((step, i) => (
          <li key={i} className="draft-step" aria-label={`Step ${i + 1}`}>
            <label className="field">
              <span>Step {i + 1} title</span>
              <input
                value={step.title}
                maxLength={LESSON_LIMITS.title}
                onChange={(e) => lessonWriter.editStep(i, { title: e.target.value })}
              />
            </label>
            <label className="field">
              <span>What to say (a blank line starts a paragraph)</span>
              <textarea
                rows={3}
                value={step.text}
                maxLength={LESSON_LIMITS.text}
                onChange={(e) => lessonWriter.editStep(i, { text: e.target.value })}
              />
            </label>
            <label className="field">
              <span>Question for the class</span>
              <input
                value={step.question}
                maxLength={LESSON_LIMITS.question}
                onChange={(e) => lessonWriter.editStep(i, { question: e.target.value })}
              />
            </label>
            <p className="muted draft-setup" data-testid={`draft-setup-${i + 1}`}>
              {describeStepSetup(step.setup)}
            </p>
            <div className="draft-step-buttons">
              <button
                type="button"
                onClick={() => lessonWriter.rerecordStep(i)}
                aria-label={`Record the setup on screen as step ${i + 1}`}
              >
                Use setup on screen
              </button>
              <button
                type="button"
                onClick={() => lessonWriter.moveStep(i, -1)}
                disabled={i === 0}
                aria-label={`Move step ${i + 1} up`}
              >
                ↑
              </button>
              <button
                type="button"
                onClick={() => lessonWriter.moveStep(i, 1)}
                disabled={i === draft.steps.length - 1}
                aria-label={`Move step ${i + 1} down`}
              >
                ↓
              </button>
              <button
                type="button"
                onClick={() => lessonWriter.deleteStep(i)}
                disabled={draft.steps.length === 1}
                aria-label={`Delete step ${i + 1}`}
              >
                Delete
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div className="lesson-editor-actions">
        <button
          type="button"
          className="primary"
          onClick={lessonWriter.recordStep}
          disabled={draft.steps.length >= LESSON_LIMITS.steps}
        >
          Record setup as a new step
        </button>
        <button type="button" onClick={lessonWriter.play}>
          Play lesson
        </button>
        <button type="button" onClick={copyLink}>
          {copied ? 'Lesson link copied' : 'Copy lesson link'}
        </button>
        <button type="button" onClick={download}>
          Download lesson file
        </button>
        <FileButton
          accept={LESSON_FILE_ACCEPT}
          label="Lesson file to edit"
          onFile={(file) => void lessonWriter.openFile(file)}
        >
          Open lesson file…
        </FileButton>
        <button type="button" className="link-button" onClick={lessonWriter.close}>
          Close editor
        </button>
      </div>
    </section>
  );
}
