import { describeDivergence, divergenceRemedies } from '../../core/training/divergence';
import { actions, selectHeadTasks, useAppStore } from '../../store/appStore';

/** What happened when a run met a NaN, and one-click remedies that keep its good weights. */
export function DivergenceNotice() {
  const divergence = useAppStore((s) => s.divergence);
  const train = useAppStore((s) => s.setup.train);
  const tasks = useAppStore(selectHeadTasks);
  if (!divergence) return null;
  const label = (id: string) => tasks.find((t) => t.id === id)?.label ?? id;
  const remedies = divergenceRemedies(train);
  const goOn = (change: Parameters<typeof actions.setOptimization>[0]) => {
    actions.setOptimization(change);
    actions.dismissDivergence();
    actions.train();
  };
  return (
    <div className="notice error divergence" role="alert" data-testid="divergence">
      <p>
        <strong>The run diverged.</strong> {describeDivergence(divergence, label)} Nothing after
        step {divergence.restoredStep.toLocaleString('en')} reached the charts or the saved run.
      </p>
      <div className="row-actions">
        {remedies.learningRate !== null && (
          <button type="button" onClick={() => goOn({ learningRate: remedies.learningRate! })}>
            Go on with learning rate {remedies.learningRate}
          </button>
        )}
        <button type="button" onClick={() => goOn({ clipNorm: remedies.clipNorm })}>
          Go on with gradients clipped at norm {remedies.clipNorm}
        </button>
        <button type="button" className="link" onClick={actions.dismissDivergence}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
