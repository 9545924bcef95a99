import { useState } from 'react';
import {
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Diagnostics, TaskDiagnostics } from '../../core/diagnostics';
import type { TaskInfo } from '../../core/tasks';
import { actions, selectTasks, useAppStore } from '../../store/appStore';
import { ImageThumb } from '../datasets/ImageThumb';

/** Most classes a confusion matrix shows; the rest (the rarest) are summed up below it. */
const MATRIX_CLASSES = 15;

const pct = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(2));

function ConfusionMatrix({ d, task }: { d: TaskDiagnostics; task: TaskInfo }) {
  const counts = d.confusion!;
  const support = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const shown = counts
    .map((_, c) => c)
    .sort((a, b) => support[b] - support[a])
    .slice(0, MATRIX_CLASSES)
    .sort((a, b) => a - b);
  const name = (c: number) => task.classes[c] ?? String(c);
  return (
    <figure className="confusion" aria-label={`${task.label} confusion matrix`}>
      <figcaption>
        Confusion matrix: rows are the true {d.kind === 'sequenceLabeling' ? 'tags' : 'classes'},
        columns the predicted ones; shade = share of the row.
        {shown.length < counts.length &&
          ` The ${shown.length} most frequent of ${counts.length} are shown.`}
      </figcaption>
      <div className="confusion-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">true ↓ / predicted →</th>
              {shown.map((c) => (
                <th scope="col" key={c}>
                  {name(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((t) => (
              <tr key={t}>
                <th scope="row">{name(t)}</th>
                {shown.map((p) => {
                  const share = support[t] > 0 ? counts[t][p] / support[t] : 0;
                  return (
                    <td
                      key={p}
                      className={t === p ? 'diagonal' : undefined}
                      // At most 50 % colour: the count on it stays readable (WCAG AA).
                      style={{
                        background: `color-mix(in srgb, ${t === p ? 'var(--ok)' : 'var(--danger)'} ${Math.round(share * 50)}%, transparent)`,
                      }}
                      title={`true ${name(t)}, predicted ${name(p)}: ${counts[t][p]}`}
                    >
                      {counts[t][p]}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function ScoresTable({ d, task }: { d: TaskDiagnostics; task: TaskInfo }) {
  const rows = d
    .scores!.map((s, c) => ({ ...s, name: task.classes[c] ?? String(c) }))
    .filter((s) => s.support > 0)
    .sort((a, b) => b.support - a.support);
  return (
    <table className="scores" aria-label={`${task.label} precision, recall and F1`}>
      <thead>
        <tr>
          <th scope="col">{d.kind === 'sequenceLabeling' ? 'Tag' : 'Class'}</th>
          <th scope="col">Precision</th>
          <th scope="col">Recall</th>
          <th scope="col">F1</th>
          <th scope="col">Support</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <th scope="row">{r.name}</th>
            <td>{pct(r.precision)}</td>
            <td>{pct(r.recall)}</td>
            <td>{pct(r.f1)}</td>
            <td>{r.support}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RegressionScatter({ d, task }: { d: TaskDiagnostics; task: TaskInfo }) {
  const data = d.scatter!.map((p) => ({ x: p.truth, y: p.predicted }));
  const lo = Math.min(...data.map((p) => Math.min(p.x, p.y)));
  const hi = Math.max(...data.map((p) => Math.max(p.x, p.y)));
  return (
    <figure className="chart" aria-label={`${task.label} predicted against true`}>
      <figcaption>Predicted (y) against true (x); the line is a perfect prediction.</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <ScatterChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
          <XAxis type="number" dataKey="x" name="true" domain={[lo, hi]} fontSize={11} />
          <YAxis type="number" dataKey="y" name="predicted" domain={[lo, hi]} fontSize={11} />
          <ReferenceLine
            segment={[
              { x: lo, y: lo },
              { x: hi, y: hi },
            ]}
            stroke="var(--muted)"
          />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} />
          <Scatter data={data} fill="var(--accent)" isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}

function WorstExamples({
  d,
  task,
  examples,
}: {
  d: TaskDiagnostics;
  task: TaskInfo;
  examples: Diagnostics['examples'];
}) {
  const input = useAppStore((s) => s.dataset?.info.input);
  if (d.worst.length === 0) return <p className="hint">No validation example is wrong.</p>;
  const name = (c: number) => task.classes[c] ?? c.toFixed(3);
  const caption = (w: TaskDiagnostics['worst'][number]) =>
    d.kind === 'regression'
      ? `true ${w.truth[0].toFixed(2)} · predicted ${w.predicted[0].toFixed(2)}`
      : `true ${name(w.truth[0])} · predicted ${name(w.predicted[0])} (p true ${w.score.toFixed(2)})`;
  return (
    <div className="worst" aria-label={`${task.label}: worst validation examples`}>
      <h4>Worst validation examples</h4>
      {input?.kind === 'image' ? (
        <div className="thumb-grid">
          {d.worst.map((w) => {
            const pixels = examples[w.row]?.pixels;
            return pixels ? (
              <ImageThumb
                key={w.row}
                pixels={pixels}
                width={input.width}
                height={input.height}
                channels={input.channels}
                label={caption(w)}
              />
            ) : null;
          })}
        </div>
      ) : (
        <ol className="worst-texts">
          {d.worst.map((w) => {
            const tokens = examples[w.row]?.tokens ?? [];
            if (d.kind !== 'sequenceLabeling') {
              return (
                <li key={w.row}>
                  <span className="worst-text">{tokens.join(' ')}</span>
                  <span className="muted"> — {caption(w)}</span>
                </li>
              );
            }
            return (
              <li key={w.row} className="tagged">
                <span className="muted">{Math.round(w.score * 100)}% of tags right: </span>
                {tokens.map((token, t) => {
                  const wrong = w.truth[t] >= 0 && w.truth[t] !== w.predicted[t];
                  return (
                    <span
                      key={t}
                      className={`tag-chip${wrong ? ' wrong' : ''}`}
                      title={
                        wrong
                          ? `predicted ${name(w.predicted[t])}, true ${name(w.truth[t])}`
                          : name(w.truth[t])
                      }
                    >
                      {token}
                      <small>
                        {wrong ? `${name(w.predicted[t])} ≠ ${name(w.truth[t])}` : name(w.truth[t])}
                      </small>
                    </span>
                  );
                })}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

/** Per head: confusion matrix, per-class or per-tag scores, regression scatter, worst examples. */
export function DiagnosticsPanel() {
  const diagnostics = useAppStore((s) => s.diagnostics);
  const tasks = useAppStore(selectTasks);
  const phase = useAppStore((s) => s.phase);
  const [chosen, setChosen] = useState<string | null>(null);
  const available = diagnostics?.data.tasks ?? [];
  const current = available.find((t) => t.task === chosen) ?? available[0];
  const task = tasks.find((t) => t.id === current?.task);
  const canDiagnose = phase === 'paused' || phase === 'finished';
  return (
    <section className="panel diagnostics" aria-labelledby="diagnostics-heading">
      <div className="diagnostics-head">
        <h2 id="diagnostics-heading">Diagnostics</h2>
        {diagnostics && (
          <span className="muted">validation split, after step {diagnostics.step}</span>
        )}
        <span className="spacer" />
        <button type="button" onClick={actions.diagnose} disabled={!canDiagnose}>
          {diagnostics ? 'Diagnose again' : 'Diagnose now'}
        </button>
      </div>
      {!diagnostics || !current || !task ? (
        <p className="hint">
          When a training finishes (or while it is paused, with Diagnose now) each head is checked
          on the validation examples: which classes it confuses, how each class or tag scores, and
          the examples it gets most wrong.
        </p>
      ) : (
        <>
          <div className="tabs" role="tablist" aria-label="Task">
            {available.map((t) => (
              <button
                key={t.task}
                type="button"
                role="tab"
                aria-selected={t === current}
                onClick={() => setChosen(t.task)}
              >
                {tasks.find((x) => x.id === t.task)?.label ?? t.task}
              </button>
            ))}
          </div>
          <div className="diagnostics-body" role="tabpanel">
            {current.confusion && (
              <div className="diagnostics-pair">
                <ConfusionMatrix d={current} task={task} />
                <ScoresTable d={current} task={task} />
              </div>
            )}
            {current.scatter && <RegressionScatter d={current} task={task} />}
            <WorstExamples d={current} task={task} examples={diagnostics.data.examples} />
          </div>
        </>
      )}
    </section>
  );
}
