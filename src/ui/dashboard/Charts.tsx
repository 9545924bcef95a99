import { memo, useDeferredValue, useMemo, useRef, useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TaskInfo } from '../../core/tasks';
import { downsampleMinMax, type XY } from '../../core/training/downsample';
import {
  trainCurve,
  validationCurve,
  type CurveSource,
  type XAxisMode,
} from '../../core/training/curves';
import type { StepPoint } from '../../core/training/history';
import { smoothEma } from '../../core/training/smoothing';
import { selectHeadTasks, selectTasks, useAppStore } from '../../store/appStore';
import { downloadText, safeFileName } from '../common/download';
import { Slider } from '../common/Slider';
import { colorOfTask, runColor, taskColor } from '../common/taskColors';
import { useOwnTask } from '../common/useOwnTask';
import { useVisible } from '../common/useVisible';
import { useThrottled } from '../common/useThrottled';
import { curvesToCsv, downloadSvgAsPng } from './chartExport';
import { CosineHeatmap } from './CosineHeatmap';
import { useView, view as shownView } from '../common/viewStore';

/** Points drawn per curve; more would not show on a chart this wide, and would cost frames. */
const DRAWN_POINTS = 240;
const CHART_REFRESH_MS = 800;

interface Series {
  name: string;
  data: XY[];
  color: string;
  dashed?: boolean;
}

/** A quantity drawn as one line per run. */
interface DrawnLine {
  label: string;
  color: string;
  pick: (p: StepPoint) => number | undefined;
}

type YScale = 'linear' | 'log';

interface View {
  x: XAxisMode;
  y: YScale;
  smoothing: number;
}

/** A run whose curves are drawn: the one training now, or a saved one picked for overlay. */
interface DrawnRun {
  id: string;
  name: string;
  /** Null for the current run when it is drawn alone (task colours then). */
  color: string | null;
  source: CurveSource;
  epochs: number;
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

interface ChartProps {
  /** Full name, for screen readers, tests and file names ("Digit loss"). */
  title: string;
  /** Short caption shown above the chart ("Loss"). */
  label: string;
  series: Series[];
  view: View;
  /** Epochs of the longest run drawn, for the epoch axis. */
  epochs: number;
  yDomain?: [number, number];
}

/**
 * One chart. The caption follows every update; the plot is redrawn only while on screen, and in a
 * browser task of its own (see useOwnTask), so a page of charts never holds up the page.
 */
const MetricChart = memo(function MetricChart({
  title,
  label,
  series,
  view,
  epochs,
  yDomain,
}: ChartProps) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const figure = useRef<HTMLElement>(null);
  const visible = useVisible(figure);
  const plotted = useOwnTask(series, visible);
  const first = series[0]?.data.at(-1);
  const second = series[1]?.data.at(-1);
  const xLabel = view.x === 'epoch' ? 'epoch' : 'step';
  const exportPng = () => {
    const svg = figure.current?.querySelector('.recharts-wrapper > svg.recharts-surface');
    if (svg instanceof SVGSVGElement) void downloadSvgAsPng(svg, `${safeFileName(title)}.png`);
  };
  const exportCsv = () =>
    downloadText(`${safeFileName(title)}.csv`, curvesToCsv(series, xLabel), 'text/csv');
  return (
    <figure className="chart" aria-label={title} ref={figure}>
      <figcaption>
        <span className="chart-title">{label}</span>
        <span className="chart-latest" data-testid={`latest-${title}`}>
          {first ? `${series[0].name} ${fmt(first.y)}` : 'no data yet'}
          {second ? ` · ${series[1].name} ${fmt(second.y)}` : ''}
        </span>
        <span className="chart-export">
          <button type="button" onClick={exportPng} aria-label={`Download ${title} as PNG`}>
            PNG
          </button>
          <button type="button" onClick={exportCsv} aria-label={`Download ${title} as CSV`}>
            CSV
          </button>
        </span>
      </figcaption>
      <Plot
        series={plotted}
        view={view}
        epochs={epochs}
        yDomain={yDomain}
        hidden={hidden}
        onToggle={(name) =>
          setHidden((h) => {
            const next = new Set(h);
            if (!next.delete(name)) next.add(name);
            return next;
          })
        }
      />
    </figure>
  );
});

interface PlotProps {
  series: Series[];
  view: View;
  epochs: number;
  yDomain?: [number, number];
  hidden: ReadonlySet<string>;
  onToggle: (name: string) => void;
}

const Plot = memo(function Plot({ series, view, epochs, yDomain, hidden, onToggle }: PlotProps) {
  const xLabel = view.x === 'epoch' ? 'epoch' : 'step';
  const drawn = useMemo(
    () =>
      view.y === 'log'
        ? series.map((s) => ({ ...s, data: s.data.filter((p) => p.y > 0) }))
        : series,
    [series, view.y],
  );
  return (
    // The wrapper's CSS sets the height: taller in full screen and presenter mode.
    <div className="plot">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="x"
            domain={view.x === 'epoch' ? [0, epochs] : [0, 'dataMax']}
            tickCount={view.x === 'epoch' ? Math.min(epochs + 1, 11) : 6}
            allowDecimals={false}
            fontSize={11}
            stroke="var(--muted)"
          />
          <YAxis
            type="number"
            dataKey="y"
            scale={view.y}
            domain={view.y === 'log' ? ['auto', 'auto'] : (yDomain ?? ['auto', 'auto'])}
            allowDataOverflow={view.y === 'log'}
            fontSize={11}
            tickFormatter={fmt}
            width={58}
            stroke="var(--muted)"
          />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? fmt(v) : String(v))}
            labelFormatter={(x) =>
              `${xLabel} ${typeof x === 'number' ? (view.x === 'epoch' ? x.toFixed(2) : x) : String(x)}`
            }
            contentStyle={{ background: 'var(--panel)', borderColor: 'var(--border)' }}
          />
          <Legend
            wrapperStyle={{ fontSize: 12, cursor: 'pointer' }}
            onClick={(entry) => onToggle(String(entry.value))}
          />
          {drawn.map((s) => (
            <Line
              key={s.name}
              name={s.name}
              data={s.data}
              dataKey="y"
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? '5 3' : undefined}
              dot={s.dashed ? { r: 3 } : false}
              hide={hidden.has(s.name)}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
});

/** Smoothed (training curves only, like TensorBoard) and thinned for drawing. */
function prepare(data: XY[], smoothing: number): XY[] {
  return downsampleMinMax(smoothEma(data, smoothing), DRAWN_POINTS);
}

function runSeries(
  runs: readonly DrawnRun[],
  view: View,
  fallbackColor: string,
  build: (run: DrawnRun) => { train?: XY[]; validation?: XY[] },
): Series[] {
  const alone = runs.length === 1;
  return runs.flatMap((run) => {
    const { train, validation } = build(run);
    const color = run.color ?? fallbackColor;
    const prefix = alone ? '' : `${run.name} `;
    const out: Series[] = [];
    if (train) out.push({ name: `${prefix}train`, data: prepare(train, view.smoothing), color });
    if (validation) {
      out.push({
        name: `${prefix}validation`,
        data: validation,
        color: alone ? 'var(--text)' : color,
        dashed: true,
      });
    }
    return out;
  });
}

function TaskCharts({
  task,
  color,
  runs,
  view,
  epochs,
}: {
  task: TaskInfo;
  color: string;
  runs: readonly DrawnRun[];
  view: View;
  epochs: number;
}) {
  const loss = useMemo(
    () =>
      runSeries(runs, view, color, (r) => ({
        train: trainCurve(r.source, (p) => p.tasks[task.id]?.loss, view.x),
        validation: validationCurve(r.source, task.id, 'loss', view.x),
      })),
    [runs, view, color, task.id],
  );
  const metric = useMemo(
    () =>
      runSeries(runs, view, color, (r) => ({
        train: trainCurve(r.source, (p) => p.tasks[task.id]?.metric, view.x),
        validation: validationCurve(r.source, task.id, 'metric', view.x),
      })),
    [runs, view, color, task.id],
  );
  const isError = task.kind === 'regression' || task.kind === 'reconstruction';
  const metricLabel = isError
    ? 'MSE'
    : task.kind === 'sequenceLabeling'
      ? 'Token accuracy'
      : 'Accuracy';
  return (
    <article
      className="task-charts"
      style={{ borderTopColor: color }}
      aria-label={`${task.label} curves`}
    >
      <h3>{task.label}</h3>
      <div className="chart-pair">
        <MetricChart
          title={`${task.label} loss`}
          label="Loss"
          series={loss}
          view={view}
          epochs={epochs}
        />
        <MetricChart
          title={`${task.label} ${metricLabel}`}
          label={metricLabel}
          series={metric}
          view={view}
          epochs={epochs}
          yDomain={isError ? undefined : [0, 1]}
        />
      </div>
    </article>
  );
}

/** The run training now (throttled and deferred, so drawing never holds up the page) and the overlays. */
function useDrawnRuns(): DrawnRun[] {
  const points = useDeferredValue(
    useThrottled(
      useAppStore((s) => s.points),
      CHART_REFRESH_MS,
    ),
  );
  const records = useDeferredValue(useAppStore((s) => s.epochs));
  const stepsPerEpoch = useAppStore((s) => s.run?.stepsPerEpoch ?? 1);
  const epochs = useAppStore((s) => s.setup.train.epochs);
  const currentId = useAppStore((s) => s.currentRunId);
  const runs = useAppStore((s) => s.runs);
  const overlay = useAppStore((s) => s.overlay);
  return useMemo(() => {
    const others = runs.filter((r) => overlay.includes(r.id) && r.id !== currentId);
    const current = runs.find((r) => r.id === currentId);
    const drawn: DrawnRun[] = [];
    if (points.length > 0 || records.length > 0 || others.length === 0) {
      drawn.push({
        id: currentId ?? 'current',
        name: current?.name ?? 'this run',
        color: others.length > 0 ? runColor(runs, currentId) : null,
        source: { points, epochs: records, stepsPerEpoch },
        epochs,
      });
    }
    for (const r of others) {
      drawn.push({
        id: r.id,
        name: r.name,
        color: runColor(runs, r.id),
        source: {
          points: r.points,
          epochs: r.epochs,
          stepsPerEpoch: r.totalSteps / Math.max(1, r.train.epochs),
        },
        epochs: r.train.epochs,
      });
    }
    return drawn;
  }, [points, records, stepsPerEpoch, epochs, currentId, runs, overlay]);
}

function ChartControls({ view, onChange }: { view: View; onChange: (v: View) => void }) {
  const fullScreen = useView((s) => s.chartsFullScreen);
  return (
    <div className="chart-controls" role="group" aria-label="Chart settings">
      <div className="smoothing">
        <Slider
          label="Smoothing"
          value={view.smoothing}
          min={0}
          max={0.99}
          step={0.01}
          onChange={(smoothing) => onChange({ ...view, smoothing })}
        />
      </div>
      <label className="field inline">
        <span>y-axis</span>
        <select value={view.y} onChange={(e) => onChange({ ...view, y: e.target.value as YScale })}>
          <option value="linear">linear</option>
          <option value="log">log</option>
        </select>
      </label>
      <label className="field inline">
        <span>x-axis</span>
        <select
          value={view.x}
          onChange={(e) => onChange({ ...view, x: e.target.value as XAxisMode })}
        >
          <option value="epoch">epoch</option>
          <option value="step">step</option>
        </select>
      </label>
      <span className="hint">Click a legend entry to hide or show its curve.</span>
      <button
        type="button"
        className="full-screen-button"
        aria-pressed={fullScreen}
        title="The curves alone, filling the screen (F; Esc leaves)"
        onClick={() => shownView.setChartsFullScreen(!fullScreen)}
      >
        {fullScreen ? 'Leave full screen' : 'Full screen'}
      </button>
    </div>
  );
}

export function Charts() {
  const [view, setView] = useState<View>({ x: 'epoch', y: 'linear', smoothing: 0 });
  const runs = useDrawnRuns();
  const tasks = useAppStore(selectHeadTasks);
  const datasetTasks = useAppStore(selectTasks);
  const epochs = Math.max(1, ...runs.map((r) => r.epochs));
  const total = useMemo(
    () =>
      runSeries(runs, view, '#6b7280', (r) => ({
        train: trainCurve(r.source, (p) => p.totalLoss, view.x),
      })),
    [runs, view],
  );
  /** One line per item and run, for quantities of the step points (per task, per pair…). */
  const linesOf = useMemo(
    () =>
      (items: readonly DrawnLine[]): Series[] =>
        runs.flatMap((r) =>
          items.map((item) => ({
            name: runs.length > 1 ? `${r.name} ${item.label}` : item.label,
            data: downsampleMinMax(trainCurve(r.source, item.pick, view.x), DRAWN_POINTS),
            color: item.color,
            dashed: runs.length > 1 && r !== runs[0],
          })),
        ),
    [runs, view.x],
  );
  const perTask = useMemo(
    () => (pick: (p: StepPoint, task: string) => number | undefined) =>
      linesOf(
        tasks.map((t) => ({
          label: t.label,
          color: colorOfTask(t.id, datasetTasks),
          pick: (p: StepPoint) => pick(p, t.id),
        })),
      ),
    [linesOf, tasks, datasetTasks],
  );
  const weights = useMemo(() => perTask((p, task) => p.tasks[task]?.weight), [perTask]);
  const gradNorms = useMemo(() => perTask((p, task) => p.tasks[task]?.gradNorm), [perTask]);
  const pairs = useMemo(
    () => tasks.flatMap((a, i) => tasks.slice(i + 1).map((b) => [a, b] as const)),
    [tasks],
  );
  const cosineLines = useMemo(
    () =>
      linesOf(
        pairs.map(([a, b], i) => ({
          label: `${a.label} · ${b.label}`,
          color: taskColor(i + 3),
          pick: (p: StepPoint) => p.gradCosine?.find((c) => c.a === a.id && c.b === b.id)?.cosine,
        })),
      ),
    [linesOf, pairs],
  );
  const latestCosine = useMemo(() => {
    const points = runs[0]?.source.points ?? [];
    for (let i = points.length - 1; i >= 0; i--) {
      if (points[i].gradCosine) return points[i];
    }
    return null;
  }, [runs]);
  const learningRate = useMemo(
    () =>
      runSeries(runs, { ...view, smoothing: 0 }, '#6b7280', (r) => ({
        train: trainCurve(r.source, (p) => p.learningRate, view.x),
      })),
    [runs, view],
  );
  const fullScreen = useView((s) => s.chartsFullScreen);
  return (
    <section className={fullScreen ? 'charts full-screen' : 'charts'} aria-label="Training curves">
      <ChartControls view={view} onChange={setView} />
      <article className="task-charts total">
        <h3>All tasks</h3>
        <div className="chart-trio">
          <MetricChart
            title="Total loss"
            label="Total loss (what the optimizer minimises; Σ wᵢ·Lᵢ with static weights)"
            series={total}
            view={view}
            epochs={epochs}
          />
          <MetricChart
            title="Effective loss weights"
            label="Effective loss weight wᵢ"
            series={weights}
            view={{ ...view, smoothing: 0 }}
            epochs={epochs}
          />
          <MetricChart
            title="Learning rate"
            label="Learning rate"
            series={learningRate}
            view={view}
            epochs={epochs}
            yDomain={[
              0,
              Math.max(1e-9, ...learningRate.flatMap((l) => l.data.map((p) => p.y))) * 1.25,
            ]}
          />
          <MetricChart
            title="Shared gradient norms"
            label="‖∂Lᵢ/∂θ_shared‖ (how hard each task pulls on the shared layers)"
            series={gradNorms}
            view={{ ...view, smoothing: 0 }}
            epochs={epochs}
          />
        </div>
      </article>
      {pairs.length > 0 && (
        <article className="task-charts total" aria-label="Gradient conflict">
          <h3>Gradient conflict</h3>
          <div className="chart-conflict">
            <CosineHeatmap
              tasks={tasks}
              cosines={latestCosine?.gradCosine ?? null}
              step={latestCosine?.step ?? null}
            />
            <MetricChart
              title="Gradient cosine similarity"
              label="cos(∇ᵢ, ∇ⱼ) on the shared layers: below 0, the tasks conflict"
              series={cosineLines}
              view={{ ...view, smoothing: 0 }}
              epochs={epochs}
              yDomain={[-1, 1]}
            />
          </div>
        </article>
      )}
      {tasks.map((t) => (
        <TaskCharts
          key={t.id}
          task={t}
          color={colorOfTask(t.id, datasetTasks)}
          runs={runs}
          view={view}
          epochs={epochs}
        />
      ))}
    </section>
  );
}
