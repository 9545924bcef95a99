import { memo, useDeferredValue, useMemo } from 'react';
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
import type { EpochRecord, StepPoint } from '../../core/training/history';
import { selectHeadTasks, selectTasks, useAppStore } from '../../store/appStore';
import { colorOfTask } from '../common/taskColors';
import { useThrottled } from '../common/useThrottled';

/** Points drawn per curve; more would not show on a chart this wide, and would cost frames. */
const DRAWN_POINTS = 240;
const CHART_REFRESH_MS = 800;

interface Series {
  name: string;
  data: XY[];
  color: string;
  dashed?: boolean;
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

interface ChartProps {
  /** Full name, for screen readers and tests ("Digit loss"). */
  title: string;
  /** Short caption shown above the chart ("Loss"). */
  label: string;
  series: Series[];
  epochs: number;
  yDomain?: [number, number];
}

const MetricChart = memo(function MetricChart({
  title,
  label,
  series,
  epochs,
  yDomain,
}: ChartProps) {
  const last = series[0].data[series[0].data.length - 1];
  const lastVal = series[1]?.data[series[1].data.length - 1];
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>
        <span className="chart-title">{label}</span>
        <span className="chart-latest" data-testid={`latest-${title}`}>
          {last ? `${series[0].name} ${fmt(last.y)}` : 'no data yet'}
          {lastVal ? ` · ${series[1].name} ${fmt(lastVal.y)}` : ''}
        </span>
      </figcaption>
      <ResponsiveContainer width="100%" height={170}>
        <LineChart margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="x"
            domain={[0, epochs]}
            tickCount={Math.min(epochs + 1, 11)}
            allowDecimals={false}
            fontSize={11}
          />
          <YAxis
            type="number"
            dataKey="y"
            domain={yDomain ?? ['auto', 'auto']}
            fontSize={11}
            tickFormatter={fmt}
            width={48}
          />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? fmt(v) : String(v))}
            labelFormatter={(x) => `epoch ${typeof x === 'number' ? x.toFixed(2) : String(x)}`}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Line
              key={s.name}
              name={s.name}
              data={s.data}
              dataKey="y"
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={s.dashed ? '5 3' : undefined}
              dot={s.dashed ? { r: 3 } : false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});

function trainSeries(
  points: readonly StepPoint[],
  pick: (p: StepPoint) => number | undefined,
): XY[] {
  const out: XY[] = [];
  for (const p of points) {
    const y = pick(p);
    if (y !== undefined && Number.isFinite(y)) out.push({ x: p.epoch, y });
  }
  return downsampleMinMax(out, DRAWN_POINTS);
}

function validationSeries(
  records: readonly EpochRecord[],
  task: string,
  key: 'loss' | 'metric',
): XY[] {
  return records
    .filter((r) => r.split === 'validation' && r.tasks[task])
    .map((r) => ({ x: r.epoch, y: r.tasks[task][key] }));
}

/** A task's training curve (live) beside its validation curve (one point per epoch). */
function taskSeries(
  points: readonly StepPoint[],
  records: readonly EpochRecord[],
  task: string,
  key: 'loss' | 'metric',
  color: string,
): Series[] {
  return [
    { name: 'train', data: trainSeries(points, (p) => p.tasks[task]?.[key]), color },
    { name: 'validation', data: validationSeries(records, task, key), color: '#222', dashed: true },
  ];
}

function TaskCharts({
  task,
  color,
  points,
  records,
  epochs,
}: {
  task: TaskInfo;
  color: string;
  points: StepPoint[];
  records: EpochRecord[];
  epochs: number;
}) {
  const loss = useMemo(
    () => taskSeries(points, records, task.id, 'loss', color),
    [points, records, task.id, color],
  );
  const metric = useMemo(
    () => taskSeries(points, records, task.id, 'metric', color),
    [points, records, task.id, color],
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
        <MetricChart title={`${task.label} loss`} label="Loss" series={loss} epochs={epochs} />
        <MetricChart
          title={`${task.label} ${metricLabel}`}
          label={metricLabel}
          series={metric}
          epochs={epochs}
          yDomain={isError ? undefined : [0, 1]}
        />
      </div>
    </article>
  );
}

export function Charts() {
  // Redrawn about once a second, at low priority: React may interrupt drawing the charts to keep
  // dragging and typing smooth.
  const points = useDeferredValue(
    useThrottled(
      useAppStore((s) => s.points),
      CHART_REFRESH_MS,
    ),
  );
  const records = useDeferredValue(useAppStore((s) => s.epochs));
  const tasks = useAppStore(selectHeadTasks);
  const datasetTasks = useAppStore(selectTasks);
  const epochs = useAppStore((s) => s.setup.train.epochs);
  const total = useMemo<Series[]>(
    () => [{ name: 'train', data: trainSeries(points, (p) => p.totalLoss), color: '#444' }],
    [points],
  );
  return (
    <section className="charts" aria-label="Training curves">
      <article className="task-charts total">
        <h3>Weighted total loss Σ wᵢ·Lᵢ</h3>
        <MetricChart title="Total loss" label="Loss" series={total} epochs={epochs} />
      </article>
      {tasks.map((t) => (
        <TaskCharts
          key={t.id}
          task={t}
          color={colorOfTask(t.id, datasetTasks)}
          points={points}
          records={records}
          epochs={epochs}
        />
      ))}
    </section>
  );
}
