import {
  describeSettings,
  finalValidation,
  runToJson,
  type RunRecord,
} from '../../core/runs/runRecord';
import { useMemo } from 'react';
import { multiTaskGain } from '../../core/runs/experiments';
import { PRESETS } from '../../core/spec/presets';
import { strategyLabel } from '../../core/weighting/strategies';
import { formatDuration } from '../../core/training/history';
import { useAppStore } from '../../store/appStore';
import { runActions } from '../../store/runTracking';
import { downloadText, safeFileName } from '../common/download';
import { runColor } from '../common/taskColors';

const presetLabel = (run: RunRecord) =>
  `${PRESETS.find((p) => p.id === run.preset)?.label ?? run.preset}${run.custom ? ' (edited)' : ''}`;

function RunRow({ run, index }: { run: RunRecord; index: number }) {
  const runs = useAppStore((s) => s.runs);
  const current = useAppStore((s) => s.currentRunId === run.id);
  const phase = useAppStore((s) => s.phase);
  const overlaid = useAppStore((s) => s.overlay.includes(run.id));
  const final = finalValidation(run);
  const deltaM = useMemo(
    () => (run.role?.kind === 'baseline' ? NaN : multiTaskGain(run, runs).deltaM),
    [run, runs],
  );
  const state = current && (phase === 'training' || phase === 'paused') ? phase : null;
  return (
    <tr className={current ? 'current-run' : undefined}>
      <td>
        <input
          type="checkbox"
          checked={overlaid || current}
          disabled={current}
          onChange={() => runActions.toggleOverlay(run.id)}
          aria-label={`Overlay ${run.name}`}
          style={{ accentColor: runColor(runs, run.id) }}
        />
      </td>
      <td>
        <input
          className="run-name"
          defaultValue={run.name}
          aria-label={`Name of run ${index + 1}`}
          onBlur={(e) => {
            const name = e.target.value.trim();
            if (name && name !== run.name) runActions.rename(run.id, name);
            else e.target.value = run.name;
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
          }}
        />
        {state && <span className="run-state">{state}</span>}
      </td>
      <td>
        {new Date(run.createdAt).toLocaleString('en-GB', {
          dateStyle: 'short',
          timeStyle: 'short',
        })}
      </td>
      <td>
        {run.datasetName}
        <br />
        <span className="muted">{presetLabel(run)}</span>
      </td>
      <td>
        {(run.strategies ?? [{ strategy: run.strategy, step: 0 }])
          .map((s) => strategyLabel(s.strategy) + (s.step > 0 ? ` from step ${s.step}` : ''))
          .join(' → ')}
        {run.role && run.role.kind !== 'manual' && (
          <>
            <br />
            <span className="muted">{run.role.kind === 'baseline' ? 'baseline' : 'sweep'}</span>
          </>
        )}
      </td>
      <td className="run-settings">{describeSettings(run)}</td>
      <td>
        {run.tasks.map((t) => (
          <div key={t.id} className="run-metric">
            {t.label}: <strong>{final[t.id] === undefined ? '—' : final[t.id].toFixed(3)}</strong>
          </div>
        ))}
        {Number.isFinite(deltaM) && (
          <div className="run-metric" title="Mean relative gain over the single-task baselines">
            Δm:{' '}
            <strong>{`${deltaM >= 0 ? '+' : '−'}${Math.abs(deltaM * 100).toFixed(2)} %`}</strong>
          </div>
        )}
      </td>
      <td>
        {formatDuration(run.durationMs / 1000)}
        <br />
        <span className="muted">
          {run.steps}/{run.totalSteps} steps
        </span>
      </td>
      <td className="run-actions">
        <button
          type="button"
          onClick={() => runActions.useSettings(run.id)}
          title="Open this run's settings as a new run"
        >
          Use settings
        </button>
        <button
          type="button"
          onClick={() =>
            downloadText(
              `${safeFileName(run.name)}-history.json`,
              runToJson(run),
              'application/json',
            )
          }
        >
          JSON
        </button>
        <button
          type="button"
          className="danger"
          disabled={current && phase === 'training'}
          onClick={() => runActions.remove(run.id)}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}

/** Every run kept in this browser: compare them, overlay their curves, reopen their settings. */
export function RunsTable() {
  const runs = useAppStore((s) => s.runs);
  if (runs.length === 0) return null;
  return (
    <section className="panel runs" aria-labelledby="runs-heading">
      <h2 id="runs-heading">Runs</h2>
      <p className="hint">
        Kept in this browser. Tick runs to draw their curves over the current ones.
      </p>
      <div className="runs-scroll">
        <table className="runs-table">
          <thead>
            <tr>
              <th scope="col">Overlay</th>
              <th scope="col">Name</th>
              <th scope="col">Date</th>
              <th scope="col">Data · model</th>
              <th scope="col">Weighting</th>
              <th scope="col">Settings</th>
              <th scope="col">Final validation</th>
              <th scope="col">Duration</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...runs].reverse().map((run, i) => (
              <RunRow key={run.id} run={run} index={runs.length - 1 - i} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
