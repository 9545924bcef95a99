import { useId, useState } from 'react';
import { entropyBits, softmaxAt } from '../../core/insight/temperature';
import type { TaskInfo } from '../../core/tasks';

/** Classes shown per head: the most probable ones (the argmax is always among them). */
const SHOWN = 10;

/** Slider position ↔ temperature on a log scale from 0.1 to 10, so T = 1 sits in the middle. */
const toTemperature = (position: number) => 10 ** position;
const toPosition = (t: number) => Math.log10(t);

interface Props {
  task: TaskInfo;
  logits: Float32Array;
  /** The temperature the head trained at: where the slider starts. */
  trainedAt: number;
  /** The true class, when the input is a validation example. */
  truth?: number;
}

/**
 * One classification head's answer: p = softmax(z / T) as bars, with a temperature slider that
 * changes only this view. The bars sharpen or flatten as T moves; the argmax never changes.
 */
export function ProbabilityBars({ task, logits, trainedAt, truth }: Props) {
  const id = useId();
  const [temperature, setTemperature] = useState(trainedAt);
  const p = softmaxAt(logits, temperature);
  const order = p
    .map((_, c) => c)
    .sort((a, b) => p[b] - p[a])
    .slice(0, SHOWN);
  const top = order[0];
  const entropy = entropyBits(p);
  const maxEntropy = Math.log2(p.length);
  const name = (c: number) => task.classes[c] ?? String(c);
  return (
    <div className="probs" data-testid={`probs-${task.id}`}>
      <h4>
        {task.label}: <strong data-testid={`top-${task.id}`}>{name(top)}</strong>{' '}
        <span className="muted">{(p[top] * 100).toFixed(1)}%</span>
        {truth !== undefined && (
          <span className={truth === top ? 'verdict ok' : 'verdict wrong'}>
            {truth === top ? '✓ correct' : `✗ true: ${name(truth)}`}
          </span>
        )}
      </h4>
      <ol className="prob-bars" aria-label={`${task.label} probabilities`}>
        {order.map((c) => (
          <li key={c} className={c === top ? 'top' : undefined}>
            <span className="prob-label">{name(c)}</span>
            <span className="prob-track">
              <span className="prob-fill" style={{ width: `${(p[c] * 100).toFixed(2)}%` }} />
            </span>
            <span className="prob-value" data-testid={`prob-${task.id}-${c}`}>
              {(p[c] * 100).toFixed(1)}%
            </span>
          </li>
        ))}
      </ol>
      {p.length > SHOWN && (
        <p className="muted small">
          The {SHOWN} most probable of {p.length} classes.
        </p>
      )}
      <div className="temperature-row">
        <label htmlFor={id}>Temperature T</label>
        <input
          id={id}
          type="range"
          min={-1}
          max={1}
          step={0.01}
          value={toPosition(temperature)}
          onChange={(e) => setTemperature(toTemperature(Number(e.target.value)))}
          data-testid={`temperature-${task.id}`}
          aria-valuetext={`T = ${temperature.toFixed(2)}`}
        />
        <span className="slider-value">{temperature.toFixed(2)}</span>
        <button
          type="button"
          className="link"
          onClick={() => setTemperature(trainedAt)}
          disabled={temperature === trainedAt}
        >
          Reset
        </button>
      </div>
      <p className="muted small" data-testid={`entropy-${task.id}`}>
        Entropy {entropy.toFixed(2)} bits of at most {maxEntropy.toFixed(2)}: p = softmax(z / T); a
        higher T flattens the bars, a lower one sharpens them; the top class stays.
        {trainedAt !== 1 && ` The head trains at T = ${trainedAt}.`}
      </p>
    </div>
  );
}
