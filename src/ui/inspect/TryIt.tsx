import { useEffect, useRef, useState } from 'react';
import { drawingToImage } from '../../core/insight/drawing';
import type { GateWeights, HeadOutput, TryInput, TryResult } from '../../core/insight/types';
import { softmaxAt } from '../../core/insight/temperature';
import type { InputSpec } from '../../core/spec/types';
import type { TaskInfo } from '../../core/tasks';
import { selectHeadTasks, useAppStore } from '../../store/appStore';
import { classColor, textOn } from '../common/classColors';
import { ImageThumb } from '../datasets/ImageThumb';
import { DrawCanvas, DRAW_SIZE } from './DrawCanvas';
import { ProbabilityBars } from './ProbabilityBars';
import { useLatestAnswer } from './useLatestAnswer';
import { useTrainedStep } from './useTrainedStep';
import { GateTable } from './GateTable';

/** What the sentence box holds at first: something to change. */
const EXAMPLE_SENTENCE = 'The jury said the election was conducted without any evidence of fraud .';

/** Hands-on inference: draw, type or pick a validation example and see every head answer. */
export function TryIt() {
  const input = useAppStore((s) => s.dataset?.info.input);
  const tasks = useAppStore(selectHeadTasks);
  const { answer, error, busy, ask } = useLatestAnswer<'try'>();
  const [mode, setMode] = useState<'own' | 'validation'>('own');
  const [index, setIndex] = useState(0);
  const [text, setText] = useState(EXAMPLE_SENTENCE);
  const current = useRef<TryInput | null>(null);

  const send = (next: TryInput) => {
    current.current = next;
    ask({ kind: 'try', input: next });
  };
  // The same input again as the model trains: at most once a second.
  const trainedStep = useTrainedStep(1000);
  useEffect(() => {
    if (current.current) ask({ kind: 'try', input: current.current });
  }, [trainedStep, ask]);

  useEffect(() => {
    if (!input) return;
    if (mode === 'validation') send({ kind: 'validation', index });
    else if (input.kind === 'tokens') send({ kind: 'text', text });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- inputs send themselves as they change
  }, [mode, index, input?.kind]);

  if (!input) return null;
  const count = answer?.validationCount ?? 0;
  return (
    <div className="try-it">
      <div className="try-input">
        <div className="segmented" role="group" aria-label="Input">
          <button type="button" aria-pressed={mode === 'own'} onClick={() => setMode('own')}>
            {input.kind === 'image' ? 'Draw' : 'Type'}
          </button>
          <button
            type="button"
            aria-pressed={mode === 'validation'}
            onClick={() => setMode('validation')}
          >
            Validation example
          </button>
        </div>
        {mode === 'own' && input.kind === 'image' && (
          <>
            <DrawCanvas
              onInk={(ink) =>
                send({
                  kind: 'pixels',
                  pixels: repeatChannels(
                    drawingToImage(ink, DRAW_SIZE, input.height, input.width),
                    input.channels,
                  ),
                })
              }
            />
            <p className="muted small">
              Draw large and centred; the drawing is scaled to {input.width}×{input.height} like the
              training images.
            </p>
          </>
        )}
        {mode === 'own' && input.kind === 'tokens' && (
          <label className="try-text">
            Sentence
            <textarea
              value={text}
              rows={3}
              maxLength={2000}
              onChange={(e) => {
                setText(e.target.value);
                send({ kind: 'text', text: e.target.value });
              }}
            />
          </label>
        )}
        {mode === 'validation' && (
          <div className="example-picker">
            <button
              type="button"
              onClick={() => setIndex((i) => Math.max(0, i - 1))}
              disabled={index === 0}
            >
              ← Previous
            </button>
            <span>
              Example {index + 1}
              {count > 0 && ` of ${count.toLocaleString('en')}`}
            </span>
            <button
              type="button"
              onClick={() => setIndex((i) => Math.min(Math.max(0, count - 1), i + 1))}
              disabled={count > 0 && index >= count - 1}
            >
              Next →
            </button>
            <button
              type="button"
              onClick={() => setIndex(Math.floor(Math.random() * Math.max(1, count)))}
            >
              Random
            </button>
          </div>
        )}
        {mode === 'validation' && answer?.example?.pixels && input.kind === 'image' && (
          <ImageThumb
            pixels={answer.example.pixels}
            width={input.width}
            height={input.height}
            channels={input.channels}
            label={`Validation example ${answer.example.index + 1}`}
          />
        )}
        {mode === 'validation' && answer?.example?.tokens && (
          <p className="example-text">{answer.example.tokens.join(' ')}</p>
        )}
        {answer?.tokens && mode === 'own' && answer.tokens.some((t) => !t.known) && (
          <p className="muted small">
            Not in the vocabulary (read as unknown):{' '}
            {answer.tokens
              .filter((t) => !t.known)
              .map((t) => t.text)
              .join(', ')}
          </p>
        )}
      </div>
      <div className="try-output" aria-busy={busy}>
        {error && <p className="error">{error}</p>}
        {!answer && !error && (
          <p className="muted">
            {input.kind === 'image'
              ? 'Draw something, or pick a validation example.'
              : 'Type a sentence.'}
          </p>
        )}
        {answer && (
          <Answer
            answer={answer}
            tasks={tasks}
            input={input}
            truth={mode === 'validation' ? answer.example?.labels : undefined}
          />
        )}
      </div>
    </div>
  );
}

/** Grey ink copied into every channel of a colour model's input. */
function repeatChannels(gray: Float32Array, channels: number): Float32Array {
  if (channels === 1) return gray;
  const out = new Float32Array(gray.length * channels);
  for (let i = 0; i < gray.length; i++)
    for (let c = 0; c < channels; c++) out[i * channels + c] = gray[i];
  return out;
}

function Answer({
  answer,
  tasks,
  input,
  truth,
}: {
  answer: TryResult;
  tasks: readonly TaskInfo[];
  input: InputSpec;
  truth?: Record<string, number[]>;
}) {
  const words = answer.example?.tokens ?? answer.tokens?.map((t) => t.text) ?? [];
  return (
    <>
      {answer.heads.map((head) => {
        const task = tasks.find((t) => t.id === head.task);
        if (!task) return null;
        return (
          <HeadAnswer
            key={head.task}
            head={head}
            task={task}
            words={words}
            input={input}
            truth={truth?.[head.task]}
          />
        );
      })}
      {answer.gates.length > 0 && <Gates gates={answer.gates} tasks={tasks} />}
    </>
  );
}

function HeadAnswer({
  head,
  task,
  words,
  input,
  truth,
}: {
  head: HeadOutput;
  task: TaskInfo;
  words: string[];
  input: InputSpec;
  truth?: number[];
}) {
  switch (head.kind) {
    case 'classification':
      return (
        <ProbabilityBars
          key={`${task.id}-${head.temperature}`}
          task={task}
          logits={head.values}
          trainedAt={head.temperature}
          truth={truth?.[0]}
        />
      );
    case 'sequenceLabeling':
      return <TagChips task={task} head={head} words={words} truth={truth} />;
    case 'regression':
      return (
        <div className="probs">
          <h4>
            {task.label}: <strong>{head.values[0].toFixed(3)}</strong>{' '}
            <span className="muted">(standardised)</span>
            {truth && <span className="muted"> · true {truth[0].toFixed(3)}</span>}
          </h4>
        </div>
      );
    case 'reconstruction':
      return input.kind === 'image' ? (
        <div className="probs">
          <h4>{task.label}</h4>
          <ImageThumb
            pixels={Uint8Array.from(head.values, (v) =>
              Math.round(Math.min(1, Math.max(0, v)) * 255),
            )}
            width={input.width}
            height={input.height}
            channels={input.channels}
            label="Rebuilt by the autoencoder head"
          />
        </div>
      ) : null;
    default:
      return null;
  }
}

/** Each token with its predicted tag: a coloured chip that also names the tag in words. */
function TagChips({
  task,
  head,
  words,
  truth,
}: {
  task: TaskInfo;
  head: HeadOutput;
  words: string[];
  truth?: number[];
}) {
  const classes = task.classes.length;
  const tokens = Math.min(words.length, Math.floor(head.values.length / classes));
  return (
    <div className="probs" data-testid={`tags-${task.id}`}>
      <h4>{task.label}</h4>
      <ol className="tag-chips" aria-label={`${task.label} per token`}>
        {Array.from({ length: tokens }, (_, t) => {
          const p = softmaxAt(
            head.values.subarray(t * classes, (t + 1) * classes),
            head.temperature,
          );
          const tag = p.indexOf(Math.max(...p));
          const wrong = truth !== undefined && truth[t] >= 0 && truth[t] !== tag;
          return (
            <li
              key={t}
              className={wrong ? 'tag-chip wrong' : 'tag-chip'}
              style={{ borderColor: classColor(tag) }}
              title={`${(p[tag] * 100).toFixed(0)}% sure${wrong ? `; true: ${task.classes[truth[t]]}` : ''}`}
            >
              <span className="tag-word">{words[t]}</span>
              <span
                className="tag-name"
                style={{ background: classColor(tag), color: textOn(classColor(tag)) }}
              >
                {task.classes[tag] ?? tag}
              </span>
              {wrong && <span className="tag-truth">✗ {task.classes[truth[t]]}</span>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** Which experts each task's gate listened to for this input. */
function Gates({ gates, tasks }: { gates: GateWeights[]; tasks: readonly TaskInfo[] }) {
  return (
    <div className="probs" data-testid="gate-weights">
      <h4>Gate weights for this input</h4>
      <GateTable
        rows={gates.map((g) => ({ task: g.task, experts: g.experts, weights: g.weights }))}
        tasks={tasks}
      />
    </div>
  );
}
