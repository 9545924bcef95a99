import { collapsedExpert } from '../../core/insight/gateUsage';
import type { TaskInfo } from '../../core/tasks';

interface Row {
  task: string;
  experts: string[];
  weights: number[];
}

/**
 * Tasks × experts, each cell the share of the task's gate on that expert as a shaded bar and a
 * number; a gate reads only its own groups (CGC), so other cells stay empty. With `flagCollapsed`
 * a gate that sends more than 90 % to one expert is named.
 */
export function GateTable({
  rows,
  tasks,
  flagCollapsed = false,
}: {
  rows: Row[];
  tasks: readonly TaskInfo[];
  flagCollapsed?: boolean;
}) {
  const columns = [...new Set(rows.flatMap((r) => r.experts))];
  const label = (task: string) => tasks.find((t) => t.id === task)?.label ?? task;
  return (
    <div className="gate-scroll">
      <table className="gate-table">
        <thead>
          <tr>
            <th scope="col">task ↓ / expert →</th>
            {columns.map((e) => (
              <th scope="col" key={e}>
                {e}
              </th>
            ))}
            {flagCollapsed && <th scope="col">gate</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const collapsed = flagCollapsed ? collapsedExpert(r.weights) : null;
            return (
              <tr key={r.task}>
                <th scope="row">{label(r.task)}</th>
                {columns.map((e) => {
                  const i = r.experts.indexOf(e);
                  if (i < 0) return <td key={e} className="gate-none" aria-label="not read" />;
                  const w = r.weights[i];
                  return (
                    <td
                      key={e}
                      // ≤ 55 % blue: the theme's text stays readable on it, light or dark.
                      style={{ background: `rgba(11, 92, 173, ${(w * 0.55).toFixed(3)})` }}
                      className="gate-cell"
                    >
                      {(w * 100).toFixed(0)}%
                    </td>
                  );
                })}
                {flagCollapsed && (
                  <td
                    data-testid={`gate-state-${r.task}`}
                    className={collapsed === null ? 'muted' : 'gate-collapsed'}
                  >
                    {collapsed === null ? 'mixes' : `⚠ collapsed onto ${r.experts[collapsed]}`}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
