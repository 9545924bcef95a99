import { useMemo, useState } from 'react';
import {
  CartesianGrid,
  Line,
  ComposedChart,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { paretoData } from '../../core/runs/experiments';
import { selectHeadTasks, trainBlocker, useAppStore } from '../../store/appStore';
import { experiments } from '../../store/experiments';

const SWEEP_SIZE = 7;

/** An axis around the values with a margin, so no point sits on the frame, and enough decimals. */
function axisOf(values: readonly number[]): {
  domain: [number, number];
  format: (v: number) => string;
} {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max((hi - lo) * 0.15, Math.abs(hi) * 0.002, 1e-4);
  const span = hi - lo + 2 * pad;
  const digits = Math.min(6, Math.max(2, Math.ceil(-Math.log10(span)) + 2));
  // Ends on round numbers, so the ticks between them are round too.
  const unit = 10 ** -(digits - 1);
  return {
    domain: [Math.floor((lo - pad) / unit) * unit, Math.ceil((hi + pad) / unit) * unit],
    format: (v) => v.toFixed(digits),
  };
}

/** The run under the pointer: its name and both metrics. */
function RunTip({
  active,
  payload,
  xLabel,
  yLabel,
}: {
  active?: boolean;
  payload?: readonly { payload?: { name?: string; x?: number; y?: number } }[];
  xLabel: string;
  yLabel: string;
}) {
  const point = active ? payload?.[0]?.payload : undefined;
  if (!point?.name || point.x === undefined || point.y === undefined) return null;
  return (
    <div className="chart-tip">
      <strong>{point.name}</strong>
      <br />
      {xLabel} {point.x.toFixed(4)} · {yLabel} {point.y.toFixed(4)}
    </div>
  );
}

/** Runs placed by their final validation metrics on two tasks, the non-dominated ones joined. */
export function ParetoPanel() {
  const tasks = useAppStore(selectHeadTasks);
  const runs = useAppStore((s) => s.runs);
  const datasetId = useAppStore((s) => s.dataset?.info.id ?? '');
  const busy = useAppStore((s) => s.queue !== null || s.phase === 'training');
  const blocker = useAppStore(trainBlocker);
  const choices = tasks.filter((t) => t.kind !== 'reconstruction');
  const [picked, setPicked] = useState<[string, string] | null>(null);
  const pair =
    picked && picked.every((id) => choices.some((t) => t.id === id))
      ? picked
      : choices.length >= 2
        ? ([choices[0].id, choices[1].id] as [string, string])
        : null;
  const a = choices.find((t) => t.id === pair?.[0]);
  const b = choices.find((t) => t.id === pair?.[1]);
  const data = useMemo(
    () => (a && b ? paretoData(runs, datasetId, [a, b]) : null),
    [runs, datasetId, a, b],
  );
  if (!pair || !a || !b || !data) return null;
  const select = (index: 0 | 1) => (
    <label className="field inline">
      <span>{index === 0 ? 'x-axis' : 'y-axis'}</span>
      <select
        value={pair[index]}
        onChange={(e) => {
          const next: [string, string] = [...pair];
          next[index] = e.target.value;
          setPicked(next);
        }}
      >
        {choices.map((t) => (
          <option key={t.id} value={t.id} disabled={t.id === pair[1 - index]}>
            {t.label}
          </option>
        ))}
      </select>
    </label>
  );
  const xAxis = axisOf(data.points.map((p) => p.x));
  const yAxis = axisOf(data.points.map((p) => p.y));
  const others = data.points.filter((p) => !p.onFront);
  const front = data.points.filter((p) => p.onFront).sort((p, q) => p.x - q.x);
  return (
    <section className="panel pareto" aria-labelledby="pareto-heading">
      <h2 id="pareto-heading">Trade-offs between tasks</h2>
      <p className="hint">
        Each finished run of this dataset by its final validation metric on two tasks. Runs no other
        run beats on both (the Pareto front) are joined.
      </p>
      <div className="pareto-controls">
        {select(0)}
        {select(1)}
        <button
          type="button"
          onClick={() => experiments.runSweep(pair, SWEEP_SIZE)}
          disabled={busy || blocker !== null}
        >
          Sweep {SWEEP_SIZE} static weightings
        </button>
        <span className="hint">
          w({a.label}) from 0.1 to 1.9, w({b.label}) = 2 − w({a.label}).
        </span>
      </div>
      {data.points.length === 0 ? (
        <p className="hint">No finished run has both tasks yet.</p>
      ) : (
        <figure className="pareto-chart" aria-label={`Pareto view: ${a.label} against ${b.label}`}>
          <ResponsiveContainer width="100%" height={260}>
            <ComposedChart margin={{ top: 8, right: 16, bottom: 16, left: 4 }}>
              <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
              <XAxis
                type="number"
                dataKey="x"
                name={a.label}
                domain={xAxis.domain}
                tickFormatter={xAxis.format}
                fontSize={11}
                stroke="var(--muted)"
                label={{ value: a.label, position: 'insideBottom', offset: -8, fontSize: 12 }}
              />
              <YAxis
                type="number"
                dataKey="y"
                name={b.label}
                domain={yAxis.domain}
                tickFormatter={yAxis.format}
                fontSize={11}
                width={56}
                stroke="var(--muted)"
                label={{ value: b.label, angle: -90, position: 'insideLeft', fontSize: 12 }}
              />
              <Tooltip cursor={false} content={<RunTip xLabel={a.label} yLabel={b.label} />} />
              <Line
                data={front}
                dataKey="y"
                stroke="var(--accent)"
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
                legendType="none"
                tooltipType="none"
              />
              <Scatter
                name="Pareto front"
                data={front}
                fill="var(--accent)"
                isAnimationActive={false}
              />
              <Scatter
                name="Dominated"
                data={others}
                fill="var(--panel)"
                stroke="var(--muted)"
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
          <figcaption className="hint" data-testid="pareto-front">
            Pareto front:{' '}
            {front.map((p) => `${p.name} (${p.x.toFixed(3)}, ${p.y.toFixed(3)})`).join('; ')}.{' '}
            {others.length > 0 && `Dominated: ${others.map((p) => p.name).join(', ')}.`}
          </figcaption>
        </figure>
      )}
    </section>
  );
}
