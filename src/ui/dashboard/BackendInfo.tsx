import { useAppStore } from '../../store/appStore';

const OUTCOME_LABEL = {
  selected: 'in use',
  failed: 'failed',
  skipped: 'skipped',
} as const;

export function BackendInfo() {
  const selection = useAppStore((s) => s.backend);
  const phase = useAppStore((s) => s.phase);
  return (
    <details className="backend-info">
      <summary>
        <span className="muted">Backend</span>{' '}
        <strong data-testid="backend-name">
          {selection ? selection.backend : phase === 'probing' ? 'probing…' : '—'}
        </strong>
      </summary>
      <div className="backend-popover">
        <p className="hint">
          Each backend is tried with one real training step of the current model.
        </p>
        {selection ? (
          <table>
            <tbody>
              {selection.probes.map((p) => (
                <tr key={p.backend} className={`probe-${p.outcome}`}>
                  <th scope="row">{p.backend}</th>
                  <td>{OUTCOME_LABEL[p.outcome]}</td>
                  <td>
                    {p.reason}
                    {p.stepMs !== undefined && ` (probe step ${Math.round(p.stepMs)} ms)`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>Not chosen yet.</p>
        )}
      </div>
    </details>
  );
}
