import { useId } from 'react';
import type { TaskInfo } from '../../core/tasks';
import { actions, selectTasks, useAppStore } from '../../store/appStore';
import { taskColor } from '../common/taskColors';

interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (v: number) => void;
}

function Slider({ label, value, min, max, step, onChange }: SliderProps) {
  const id = useId();
  return (
    <div className="slider">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <span className="slider-value" aria-hidden="true">
        {value.toFixed(value >= 10 ? 1 : 2)}
      </span>
    </div>
  );
}

function TaskRow({ task, index }: { task: TaskInfo; index: number }) {
  const weight = useAppStore((s) => s.setup.weights[task.id] ?? 1);
  const temperature = useAppStore((s) => s.setup.temperatures[task.id] ?? 1);
  return (
    <li className="task-row" style={{ borderLeftColor: taskColor(index) }}>
      <div className="task-title">
        <strong>{task.label}</strong>
        <span className="muted">
          {task.classes.length} classes · {task.description}
        </span>
      </div>
      <Slider
        label={`Loss weight for ${task.label}`}
        value={weight}
        min={0}
        max={Math.max(5, weight)}
        step={0.05}
        onChange={(w) => actions.setTaskSettings(task.id, w, temperature)}
      />
      <Slider
        label={`Temperature for ${task.label}`}
        value={temperature}
        min={Math.min(0.1, temperature)}
        max={Math.max(5, temperature)}
        step={0.05}
        onChange={(t) => actions.setTaskSettings(task.id, weight, t)}
      />
    </li>
  );
}

export function TaskPanel() {
  const tasks = useAppStore(selectTasks);
  return (
    <section className="panel" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">Tasks</h2>
      <p className="hint">
        Total loss L = Σ wᵢ·Lᵢ, with pᵢ = softmax(zᵢ / Tᵢ). Both apply at once, also while training
        runs.
      </p>
      <ul className="task-list">
        {tasks.map((t, i) => (
          <TaskRow key={t.id} task={t} index={i} />
        ))}
      </ul>
    </section>
  );
}
