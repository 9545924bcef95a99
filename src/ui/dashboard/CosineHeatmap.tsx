import type { TaskInfo } from '../../core/tasks';
import type { GradientCosine } from '../../core/training/history';

/** Diverging colour: red for opposed gradients (−1), neutral at 0, blue for aligned ones (+1). */
function cellColor(cosine: number): string {
  const c = Math.max(-1, Math.min(1, cosine));
  const strength = Math.round(Math.abs(c) * 70);
  return c < 0
    ? `color-mix(in srgb, #d7301f ${strength}%, var(--panel))`
    : `color-mix(in srgb, #2b6cb0 ${strength}%, var(--panel))`;
}

/**
 * The latest cosine similarity of every pair of task gradients on the shared layers, as a
 * matrix with its numbers (colour is never the only carrier), and what it means in words.
 */
export function CosineHeatmap({
  tasks,
  cosines,
  step,
}: {
  tasks: readonly TaskInfo[];
  cosines: readonly GradientCosine[] | null;
  step: number | null;
}) {
  const value = (a: string, b: string) =>
    a === b
      ? 1
      : cosines?.find((c) => (c.a === a && c.b === b) || (c.a === b && c.b === a))?.cosine;
  const worst =
    cosines && cosines.length > 0 ? [...cosines].sort((x, y) => x.cosine - y.cosine)[0] : null;
  const label = (id: string) => tasks.find((t) => t.id === id)?.label ?? id;
  return (
    <figure className="cosine-heatmap" aria-label="Gradient cosine similarity matrix">
      <figcaption>
        <span className="chart-title">Gradient cosine now</span>
        <span className="muted">{step !== null ? ` step ${step}` : ''}</span>
      </figcaption>
      {cosines ? (
        <table>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Task</span>
              </th>
              {tasks.map((t) => (
                <th key={t.id} scope="col">
                  {t.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tasks.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.label}</th>
                {tasks.map((col) => {
                  const v = value(row.id, col.id);
                  return (
                    <td
                      key={col.id}
                      style={{ background: v === undefined ? undefined : cellColor(v) }}
                      data-testid={row.id !== col.id ? `cosine-${row.id}-${col.id}` : undefined}
                    >
                      {v === undefined ? '—' : v.toFixed(2)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">
          Measured every few dozen steps once training runs, where tasks share layers.
        </p>
      )}
      {worst && (
        <p className="hint" data-testid="conflict-summary">
          {worst.cosine < 0
            ? `${label(worst.a)} and ${label(worst.b)} pull the shared layers in conflicting directions (cos ${worst.cosine.toFixed(2)}).`
            : `No conflict now: every pair of tasks pulls the shared layers the same way (lowest cos ${worst.cosine.toFixed(2)}).`}
        </p>
      )}
    </figure>
  );
}
