import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { headTasks, type TaskInfo } from '../../core/tasks';
import { strategyInfo } from '../../core/weighting/strategies';
import { selectTasks, useAppStore } from '../../store/appStore';
import { gateOf, modelEditing } from '../../store/modelEditing';
import { Slider, TemperatureSlider } from '../common/Slider';
import { colorOfTask } from '../common/taskColors';

function TaskRow({
  task,
  color,
  weightSetBy,
}: {
  task: TaskInfo;
  color: string;
  /** The strategy that sets the weights instead of the slider, if any. */
  weightSetBy: string | null;
}) {
  const { weight, temperature, gateTemperature } = useAppStore(
    useShallow((s) => {
      const graph = s.model?.present;
      const head = graph?.nodes.find((n) => n.data.kind === 'head' && n.data.task === task.id);
      const gateId = graph ? gateOf(graph, task.id) : null;
      const gate = graph?.nodes.find((n) => n.id === gateId);
      return {
        weight: head?.data.kind === 'head' ? head.data.weight : 1,
        temperature: head?.data.kind === 'head' ? head.data.temperature : 1,
        gateTemperature: gate?.data.kind === 'gate' ? gate.data.temperature : null,
      };
    }),
  );
  return (
    <li className="task-row" style={{ borderLeftColor: color }}>
      <div className="task-title">
        <strong>{task.label}</strong>
        <span className="muted">
          {task.classes.length > 0 ? `${task.classes.length} classes · ` : ''}
          {task.description}
        </span>
      </div>
      <Slider
        label={`Loss weight for ${task.label}`}
        value={weight}
        min={0}
        max={Math.max(5, weight)}
        step={0.05}
        disabled={weightSetBy !== null}
        title={
          weightSetBy ? `${weightSetBy} sets the weights; choose Static to use yours.` : undefined
        }
        onChange={(w) => modelEditing.setTaskSettings(task.id, { weight: w })}
      />
      <TemperatureSlider
        label={`Temperature for ${task.label}`}
        value={temperature}
        onChange={(t) => modelEditing.setTaskSettings(task.id, { temperature: t })}
      />
      {gateTemperature !== null && (
        <TemperatureSlider
          label={`Gate temperature for ${task.label}`}
          value={gateTemperature}
          onChange={(g) => modelEditing.setTaskSettings(task.id, { gateTemperature: g })}
        />
      )}
    </li>
  );
}

/** The tasks the drawn model has heads for, in head order. */
function useHeadTasks(): TaskInfo[] {
  const datasetTasks = useAppStore(selectTasks);
  const heads = useAppStore(
    useShallow((s) =>
      (s.model?.present.nodes ?? []).flatMap((n) => (n.data.kind === 'head' ? [n.data] : [])),
    ),
  );
  return useMemo(
    () =>
      headTasks(
        heads.map((h) => ({ task: h.task, kind: h.taskKind })),
        datasetTasks,
      ),
    [heads, datasetTasks],
  );
}

export function TaskPanel() {
  const tasks = useHeadTasks();
  const datasetTasks = useAppStore(selectTasks);
  const strategy = useAppStore((s) => s.setup.weighting.strategy);
  const weightSetBy = strategy === 'static' ? null : strategyInfo(strategy).label;
  return (
    <section className="panel" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">Tasks</h2>
      <p className="hint">
        Total loss L = Σ wᵢ·Lᵢ, with pᵢ = softmax(zᵢ / Tᵢ); a gate mixes experts by softmax(Wx / T).
        All apply at once, also while training runs.
        {weightSetBy && ` The weights are now set by ${weightSetBy} (Loss weighting below).`}
      </p>
      <ul className="task-list">
        {tasks.map((t) => (
          <TaskRow
            key={t.id}
            task={t}
            color={colorOfTask(t.id, datasetTasks)}
            weightSetBy={weightSetBy}
          />
        ))}
      </ul>
    </section>
  );
}
