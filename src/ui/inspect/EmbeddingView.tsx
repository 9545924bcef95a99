import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ClusterResult, EmbeddingUnit, EmbeddingView as View } from '../../core/insight/types';
import type { InputSpec } from '../../core/spec/types';
import type { TaskInfo } from '../../core/tasks';
import { selectTasks, useAppStore } from '../../store/appStore';
import { classColor } from '../common/classColors';
import { ImageThumb } from '../datasets/ImageThumb';
import { useLatestAnswer } from './useLatestAnswer';
import { useTrainedStep } from './useTrainedStep';

const WIDTH = 560;
const HEIGHT = 420;
const PAD = 14;
/** Hover picks the nearest point within this many pixels. */
const HOVER_PX = 10;
const CLUSTERS = '__clusters';

/** A class per point and what each class is called. */
interface Colours {
  values: Int32Array;
  names: (v: number) => string;
}

/**
 * The shared representation of the validation set in 2-D (PCA, in the worker), coloured by a
 * task's labels or by k-means clusters, with purity and NMI of the clusters against each task.
 */
export function EmbeddingView() {
  const tasks = useAppStore(selectTasks);
  const input = useAppStore((s) => s.dataset?.info.input);
  const step = useTrainedStep(1000);
  const embedding = useLatestAnswer<'embedding'>();
  const clusters = useLatestAnswer<'cluster'>();
  const [unit, setUnit] = useState<EmbeddingUnit>('example');
  const [colourBy, setColourBy] = useState<string>('');
  const [k, setK] = useState(0);
  const [seed, setSeed] = useState(1);
  const kId = useId();
  const seedId = useId();
  const colourId = useId();

  const views = embedding.answer?.views ?? [];
  const view = views.find((v) => v.unit === unit) ?? views[0];
  const labelled = view ? tasks.filter((t) => view.labels[t.id]) : [];
  const colourTask = labelled.find((t) => t.id === colourBy) ?? labelled[0];
  const cluster: ClusterResult | null =
    clusters.answer && view && clusters.answer.unit === view.unit ? clusters.answer : null;
  const k0 = k > 0 ? k : Math.min(20, Math.max(2, colourTask?.classes.length ?? 10));
  // Clusters computed on an older projection no longer match its points.
  const stale = embedding.answer && embedding.answer.step !== step;

  const colours: Colours | null = !view
    ? null
    : colourBy === CLUSTERS && cluster
      ? { values: cluster.assignment, names: (v) => `cluster ${v + 1}` }
      : colourTask
        ? { values: view.labels[colourTask.id], names: (v) => colourTask.classes[v] ?? '—' }
        : null;

  return (
    <div className="embedding">
      <div className="embedding-controls">
        <button
          type="button"
          onClick={() => embedding.ask({ kind: 'embedding' })}
          disabled={embedding.busy}
        >
          {embedding.answer ? 'Project again' : 'Project the validation set'}
        </button>
        {embedding.answer && (
          <span className="muted small" data-testid="embedding-source">
            PCA of {embedding.answer.source}, {view?.dims} values per point, at step{' '}
            {embedding.answer.step}
            {stale && ' (the model has trained since)'}.
          </span>
        )}
      </div>
      {embedding.error && <p className="error">{embedding.error}</p>}
      {views.length > 1 && (
        <div className="segmented" role="group" aria-label="Points">
          {views.map((v) => (
            <button
              key={v.unit}
              type="button"
              aria-pressed={view === v}
              onClick={() => setUnit(v.unit)}
            >
              {v.unit === 'example' ? 'Sentences (mean of tokens)' : 'Tokens'}
            </button>
          ))}
        </div>
      )}
      {view && (
        <>
          <div className="embedding-controls">
            <label htmlFor={colourId}>Colour by</label>
            <select
              id={colourId}
              value={colourBy || colourTask?.id || ''}
              onChange={(e) => setColourBy(e.target.value)}
            >
              {labelled.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
              {cluster && <option value={CLUSTERS}>k-means clusters</option>}
            </select>
            <span className="muted small">
              Axis 1 holds {(view.explained[0] * 100).toFixed(1)}% of the variance, axis 2{' '}
              {(view.explained[1] * 100).toFixed(1)}%.
            </span>
          </div>
          <Scatter view={view} colours={colours} input={input} tasks={labelled} />
          <fieldset className="kmeans">
            <legend>K-means on the shared representation</legend>
            <label htmlFor={kId}>k</label>
            <input
              id={kId}
              type="number"
              min={2}
              max={50}
              value={k0}
              onChange={(e) =>
                setK(Math.max(2, Math.min(50, Math.round(Number(e.target.value)) || 2)))
              }
            />
            <label htmlFor={seedId}>seed</label>
            <input
              id={seedId}
              type="number"
              min={0}
              value={seed}
              onChange={(e) => setSeed(Math.max(0, Math.round(Number(e.target.value)) || 0))}
            />
            <button
              type="button"
              disabled={clusters.busy}
              onClick={() => {
                clusters.ask({ kind: 'cluster', unit: view.unit, k: k0, seed });
              }}
            >
              Run k-means
            </button>
            <span className="muted small">
              k-means++ start, seeded; on all {view.dims} values, not the 2-D picture.
            </span>
          </fieldset>
          {clusters.error && <p className="error">{clusters.error}</p>}
          {cluster && (
            <>
              <p className="muted small">
                {cluster.k} clusters (seed {cluster.seed}) against each task’s labels: the task with
                the highest NMI is the one the encoder organised itself around. Colour by “k-means
                clusters” to see them.
              </p>
              <table className="cluster-scores" data-testid="cluster-scores">
                <thead>
                  <tr>
                    <th scope="col">task</th>
                    <th scope="col">purity</th>
                    <th scope="col">NMI</th>
                  </tr>
                </thead>
                <tbody>
                  {cluster.scores.map((s) => (
                    <tr key={s.task}>
                      <th scope="row">{tasks.find((t) => t.id === s.task)?.label ?? s.task}</th>
                      <td>{s.purity.toFixed(3)}</td>
                      <td data-testid={`nmi-${s.task}`}>{s.nmi.toFixed(3)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </div>
  );
}

function Scatter({
  view,
  colours,
  input,
  tasks,
}: {
  view: View;
  tasks: readonly TaskInfo[];
  colours: Colours | null;
  input: InputSpec | undefined;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ i: number; x: number; y: number } | null>(null);
  const n = view.points.length / 2;
  const scale = useMemo(() => {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, view.points[i * 2]);
      maxX = Math.max(maxX, view.points[i * 2]);
      minY = Math.min(minY, view.points[i * 2 + 1]);
      maxY = Math.max(maxY, view.points[i * 2 + 1]);
    }
    const sx = (WIDTH - 2 * PAD) / (maxX - minX || 1);
    const sy = (HEIGHT - 2 * PAD) / (maxY - minY || 1);
    return {
      x: (v: number) => PAD + (v - minX) * sx,
      // Screen y grows downwards: the second axis points up.
      y: (v: number) => HEIGHT - PAD - (v - minY) * sy,
    };
  }, [view, n]);

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    for (let i = 0; i < n; i++) {
      ctx.fillStyle = classColor(colours ? colours.values[i] : 0);
      ctx.globalAlpha = 0.75;
      ctx.beginPath();
      ctx.arc(scale.x(view.points[i * 2]), scale.y(view.points[i * 2 + 1]), 3, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  }, [view, colours, scale, n]);

  const legend = useMemo(() => {
    if (!colours) return [];
    const counts = new Map<number, number>();
    for (const v of colours.values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts].sort((a, b) => a[0] - b[0]);
  }, [colours]);

  const onMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - rect.left) / rect.width) * WIDTH;
    const py = ((e.clientY - rect.top) / rect.height) * HEIGHT;
    let best = -1;
    let bestD = HOVER_PX ** 2;
    for (let i = 0; i < n; i++) {
      const d =
        (scale.x(view.points[i * 2]) - px) ** 2 + (scale.y(view.points[i * 2 + 1]) - py) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    setHover(best < 0 ? null : { i: best, x: e.clientX - rect.left, y: e.clientY - rect.top });
  };

  return (
    <div className="scatter-wrap">
      <div className="scatter">
        <canvas
          ref={ref}
          width={WIDTH}
          height={HEIGHT}
          data-testid="embedding-canvas"
          role="img"
          aria-label={`${n} points of the validation set, coloured by ${colours ? 'label' : 'nothing'}`}
          onPointerMove={onMove}
          onPointerLeave={() => setHover(null)}
        />
        {hover && (
          <div
            className="scatter-tip"
            style={{ left: hover.x + 12, top: hover.y + 12 }}
            data-testid="embedding-tip"
          >
            {view.pixels && input?.kind === 'image' && (
              <ImageThumb
                pixels={view.pixels[hover.i]}
                width={input.width}
                height={input.height}
                channels={input.channels}
                label=""
              />
            )}
            {view.text && <p>{view.text[hover.i]}</p>}
            {colours && <strong>{colours.names(colours.values[hover.i])}</strong>}
            <ul className="tip-labels">
              {tasks
                .filter((t) => view.labels[t.id])
                .map((t) => (
                  <li key={t.id}>
                    {t.label}: {t.classes[view.labels[t.id][hover.i]] ?? '—'}
                  </li>
                ))}
            </ul>
          </div>
        )}
      </div>
      <ul className="legend" aria-label="Colours">
        {legend.map(([v, count]) => (
          <li key={v}>
            <span className="swatch" style={{ background: classColor(v) }} />
            {colours!.names(v)} <span className="muted">({count})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
