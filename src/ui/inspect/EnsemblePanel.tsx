import { useState } from 'react';
import { ensembleMisfit } from '../../core/insight/ensembleFit';
import type { EnsembleMember, EnsembleResult } from '../../core/insight/types';
import { metricName } from '../../core/metrics';
import { describeSettings, type RunRecord } from '../../core/runs/runRecord';
import { askWorker, selectTasks, useAppStore } from '../../store/appStore';
import { loadWeights } from '../../store/runStorage';
import { downloadBlob, safeFileName } from '../common/download';

/** The chosen runs with their saved models, read from storage. */
async function membersOf(runs: RunRecord[]): Promise<EnsembleMember[]> {
  return Promise.all(
    runs.map(async (run) => {
      const model = await loadWeights(run.id);
      if (!model) throw new Error(`The saved model of ${run.name} is missing from storage.`);
      return { runId: run.id, name: run.name, spec: run.spec, model };
    }),
  );
}

const formatMetric = (kind: string, v: number) =>
  kind === 'regression' ? v.toFixed(4) : `${(v * 100).toFixed(1)}%`;

/**
 * Several finished runs as one model: soft voting (mean probability) and hard voting (majority of
 * argmaxes), scored on the validation split beside each member, and downloadable as one ZIP.
 */
export function EnsemblePanel() {
  const runs = useAppStore((s) => s.runs);
  const datasetId = useAppStore((s) => s.dataset?.info.id ?? '');
  const datasetName = useAppStore((s) => s.dataset?.info.name ?? '');
  const tasks = useAppStore(selectTasks);
  const [chosen, setChosen] = useState<string[]>([]);
  const [result, setResult] = useState<{ ids: string[]; scores: EnsembleResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [voting, setVoting] = useState<'soft' | 'hard'>('soft');

  const picked = chosen
    .map((id) => runs.find((r) => r.id === id))
    .filter((r): r is RunRecord => r !== undefined);
  const base = picked[0] ?? null;
  const listed = runs.filter((r) => r.datasetId === datasetId);

  const evaluate = async () => {
    setBusy(true);
    setError(null);
    try {
      const members = await membersOf(picked);
      const scores = await askWorker({
        kind: 'ensemble',
        members,
        fractions: { validation: base!.train.validationFraction, test: base!.train.testFraction },
      });
      setResult({ ids: picked.map((r) => r.id), scores });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const members = await membersOf(picked);
      const fileName = `${safeFileName(datasetName)}-ensemble-${members.length}-${voting}.zip`;
      const pkg = await askWorker({ kind: 'ensemblePackage', members, voting, fileName });
      downloadBlob(pkg.fileName, new Blob([pkg.bytes], { type: 'application/zip' }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (listed.length === 0) {
    return (
      <p className="muted">
        Finished runs on this dataset appear here. Train two or more (say, with different seeds or
        weighting strategies) to combine them.
      </p>
    );
  }
  const shownResult = result && result.ids.join() === chosen.join() ? result.scores : null;
  const label = (task: string) => tasks.find((t) => t.id === task)?.label ?? task;
  return (
    <div className="ensemble">
      <p className="muted small">
        Choose runs with the same tasks and validation share (any seed, model or weighting).
      </p>
      <ul className="ensemble-runs">
        {listed.map((run) => {
          const misfit = ensembleMisfit(run, base, datasetId);
          const checked = chosen.includes(run.id);
          return (
            <li key={run.id}>
              <label className={misfit && !checked ? 'muted' : undefined}>
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={misfit !== null && !checked}
                  onChange={() =>
                    setChosen((c) => (checked ? c.filter((id) => id !== run.id) : [...c, run.id]))
                  }
                />
                {run.name}
                <span className="muted small"> · {describeSettings(run)}</span>
                {misfit && <span className="small"> — {misfit}</span>}
              </label>
            </li>
          );
        })}
      </ul>
      <div className="ensemble-actions">
        <button type="button" onClick={evaluate} disabled={busy || picked.length < 2}>
          Evaluate ensemble of {picked.length}
        </button>
        <label>
          Voting{' '}
          <select value={voting} onChange={(e) => setVoting(e.target.value as 'soft' | 'hard')}>
            <option value="soft">soft (average of probabilities)</option>
            <option value="hard">hard (majority of top classes)</option>
          </select>
        </label>
        <button type="button" onClick={download} disabled={busy || picked.length < 2}>
          Download ensemble
        </button>
        {busy && <span className="muted small">Working…</span>}
      </div>
      {error && <p className="error">{error}</p>}
      {shownResult && (
        <p className="muted small">
          Validation scores on {shownResult.rows.toLocaleString('en')} examples, in green where a
          vote beats every member.{' '}
          {picked.length === 2 &&
            'With two members a split vote goes to the class with more summed probability, so hard and soft voting differ only where a third class has the highest mean.'}
        </p>
      )}
      {shownResult && (
        <table className="ensemble-scores" data-testid="ensemble-scores">
          <thead>
            <tr>
              <th scope="col">task</th>
              {picked.map((r) => (
                <th scope="col" key={r.id}>
                  {r.name}
                </th>
              ))}
              <th scope="col">soft vote</th>
              <th scope="col">hard vote</th>
            </tr>
          </thead>
          <tbody>
            {shownResult.tasks.map((t) => {
              const lowerIsBetter = t.kind === 'regression';
              const bestMember = lowerIsBetter ? Math.min(...t.members) : Math.max(...t.members);
              const beats = (v: number | null) =>
                v !== null && (lowerIsBetter ? v < bestMember : v > bestMember);
              return (
                <tr key={t.task}>
                  <th scope="row">
                    {label(t.task)} <span className="muted small">{metricName(t.kind)}</span>
                  </th>
                  {t.members.map((m, i) => (
                    <td key={i}>{formatMetric(t.kind, m)}</td>
                  ))}
                  <td
                    data-testid={`ensemble-soft-${t.task}`}
                    className={beats(t.soft) ? 'best' : undefined}
                  >
                    {formatMetric(t.kind, t.soft)}
                  </td>
                  <td className={beats(t.hard) ? 'best' : undefined}>
                    {t.hard === null ? '—' : formatMetric(t.kind, t.hard)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
