import { useMemo, useState } from 'react';
import { multiTaskGain } from '../../core/runs/experiments';
import { baselineTasks } from '../../core/runs/experiments';
import type { RunRecord } from '../../core/runs/runRecord';
import { selectHeadTasks, trainBlocker, useAppStore } from '../../store/appStore';
import { experiments } from '../../store/experiments';
import { SelectField } from '../common/SelectField';

const percent = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(2)} %`;

/** Finished runs of this dataset with more than one task: the ones Δm is about. */
function useMultiTaskRuns(): RunRecord[] {
  const runs = useAppStore((s) => s.runs);
  const datasetId = useAppStore((s) => s.dataset?.info.id);
  return useMemo(
    () =>
      runs.filter(
        (r) =>
          r.finished &&
          r.datasetId === datasetId &&
          r.role?.kind !== 'baseline' &&
          r.tasks.filter((t) => t.kind !== 'reconstruction').length > 1,
      ),
    [runs, datasetId],
  );
}

/** "Did multi-task help?": single-task baselines in one click, per-task deltas and Δm. */
export function MultiTaskGainPanel() {
  const runs = useAppStore((s) => s.runs);
  const spec = useAppStore((s) => s.compiled?.spec ?? null);
  const headTasks = useAppStore(selectHeadTasks);
  const busy = useAppStore((s) => s.queue !== null || s.phase === 'training');
  const blocker = useAppStore(trainBlocker);
  const candidates = useMultiTaskRuns();
  const [chosen, setChosen] = useState<string | null>(null);
  // By default the latest run the user trained, not one of a sweep.
  const subject =
    candidates.find((r) => r.id === chosen) ??
    candidates.findLast((r) => (r.role?.kind ?? 'manual') === 'manual') ??
    candidates.at(-1) ??
    null;
  const gain = useMemo(() => (subject ? multiTaskGain(subject, runs) : null), [subject, runs]);
  const count = spec ? baselineTasks(spec).length : 0;
  if (headTasks.filter((t) => t.kind !== 'reconstruction').length < 2 && candidates.length === 0) {
    return null;
  }
  return (
    <section className="panel gain" aria-labelledby="gain-heading">
      <h2 id="gain-heading">Did multi-task learning help?</h2>
      <p className="hint">
        Δm = (1/T)·Σₜ (−1)^lₜ·(Mₜ − M_STL,ₜ)/M_STL,ₜ: the mean relative change of each task’s
        validation metric against the same task trained alone (lₜ = 1 where lower is better, as for
        MSE). Positive: sharing helped on average.
      </p>
      <div className="gain-actions">
        <button
          type="button"
          onClick={experiments.runBaselines}
          disabled={busy || blocker !== null || count === 0}
        >
          Run single-task baselines ({count} run{count === 1 ? '' : 's'})
        </button>
        <span className="hint">
          Each task alone, with the model’s encoder and the same training settings and budget.
        </span>
      </div>
      {candidates.length > 1 && subject && (
        <div className="gain-run">
          <SelectField
            label="Run"
            value={subject.id}
            options={candidates.map((r) => ({ value: r.id, label: r.name }))}
            onChange={setChosen}
          />
        </div>
      )}
      {!subject && (
        <p className="hint">Train a multi-task model to compare it with its baselines.</p>
      )}
      {subject && gain && (
        <>
          {gain.tasks.length > 0 && (
            <table className="gain-table">
              <thead>
                <tr>
                  <th scope="col">Task</th>
                  <th scope="col">{subject.name}</th>
                  <th scope="col">Alone</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {gain.tasks.map((t) => (
                  <tr key={t.task}>
                    <th scope="row">
                      {t.label} <span className="muted">{t.metricName}</span>
                    </th>
                    <td>{t.metric.toFixed(4)}</td>
                    <td>
                      {t.baseline.toFixed(4)}{' '}
                      <span className="muted">
                        ({t.baselineRun}
                        {t.differentBudget ? ', other settings' : ''})
                      </span>
                    </td>
                    <td className={t.gain >= 0 ? 'better' : 'worse'}>
                      {percent(t.gain)} {t.gain >= 0 ? 'better' : 'worse'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {gain.missing.length > 0 && (
            <p className="hint">
              No baseline yet for{' '}
              {gain.missing
                .map((id) => subject.tasks.find((t) => t.id === id)?.label ?? id)
                .join(', ')}
              : run the single-task baselines to compare.
            </p>
          )}
          {Number.isFinite(gain.deltaM) && (
            <p className="delta-m" data-testid="delta-m">
              Δm = <strong>{percent(gain.deltaM)}</strong>{' '}
              <span className="muted">
                {gain.deltaM >= 0
                  ? 'multi-task learning helped on average'
                  : 'multi-task learning hurt on average'}
                {gain.missing.length > 0 ? ` (over ${gain.tasks.length} tasks)` : ''}
              </span>
            </p>
          )}
        </>
      )}
    </section>
  );
}
