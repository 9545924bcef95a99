import { useEffect, useRef } from 'react';
import { COLLAPSE_SHARE } from '../../core/insight/gateUsage';
import { selectHeadTasks, useAppStore } from '../../store/appStore';
import { useTrainedStep } from './useTrainedStep';
import { useVisible } from '../common/useVisible';
import { GateTable } from './GateTable';
import { useLatestAnswer } from './useLatestAnswer';

/** While training, the heatmap is measured again at most this often. */
const LIVE_MS = 2000;

/** Mean gate weight per expert and task over the validation set, live while the model trains. */
export function ExpertUsage() {
  const tasks = useAppStore(selectHeadTasks);
  const step = useTrainedStep(LIVE_MS);
  const run = useAppStore((s) => s.run);
  const usage = useLatestAnswer<'gateUsage'>();
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const { ask } = usage;
  useEffect(() => {
    if (visible && run) ask({ kind: 'gateUsage' });
  }, [visible, run, step, ask]);
  const answer = usage.answer;
  return (
    <div ref={ref} className="expert-usage" data-testid="expert-usage">
      <p className="muted small">
        Mean gate weight per expert over {answer ? answer.rows.toLocaleString('en') : 'the'}{' '}
        validation examples{answer && `, at step ${answer.step}`}; updated while the model trains. A
        gate that puts over {COLLAPSE_SHARE * 100}% on one expert has collapsed onto it: the other
        experts no longer serve that task (a higher gate temperature spreads it again).
      </p>
      {usage.error && <p className="error">{usage.error}</p>}
      {answer && answer.tasks.length > 0 && (
        <GateTable
          rows={answer.tasks.map((t) => ({ task: t.task, experts: t.experts, weights: t.mean }))}
          tasks={tasks}
          flagCollapsed
        />
      )}
    </div>
  );
}
