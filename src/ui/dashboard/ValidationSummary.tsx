import { selectHeadTasks, selectTasks, useAppStore } from '../../store/appStore';
import { colorOfTask } from '../common/taskColors';

/** Latest validation metric per task, large enough to read from the back of a room. */
export function ValidationSummary() {
  const records = useAppStore((s) => s.epochs);
  const tasks = useAppStore(selectHeadTasks);
  const datasetTasks = useAppStore(selectTasks);
  const latest = [...records].reverse().find((r) => r.split === 'validation');
  const test = records.find((r) => r.split === 'test');
  return (
    <section className="summary" aria-label="Validation results">
      {tasks.map((t) => {
        const v = latest?.tasks[t.id];
        const tv = test?.tasks[t.id];
        return (
          <div
            key={t.id}
            className="summary-card"
            style={{ borderLeftColor: colorOfTask(t.id, datasetTasks) }}
          >
            <span className="summary-label">
              {t.label} · validation{' '}
              {t.kind === 'sequenceLabeling'
                ? 'token accuracy'
                : t.kind === 'regression' || t.kind === 'reconstruction'
                  ? 'MSE'
                  : 'accuracy'}
            </span>
            <span className="summary-value" data-testid={`val-${t.id}`}>
              {v ? v.metric.toFixed(3) : '—'}
            </span>
            <span className="muted">
              {v?.macroF1 !== undefined ? `macro-F1 ${v.macroF1.toFixed(3)} · ` : ''}
              {latest
                ? latest.epoch === 0
                  ? 'loaded weights'
                  : `epoch ${latest.epoch}`
                : 'after the first epoch'}
            </span>
            {tv && (
              <span className="test-result" data-testid={`test-${t.id}`}>
                test {tv.metric.toFixed(3)}
              </span>
            )}
          </div>
        );
      })}
    </section>
  );
}
