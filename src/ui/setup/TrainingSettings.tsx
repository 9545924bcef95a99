import { useId } from 'react';
import { DATASETS, DATASET_IDS, type DatasetId } from '../../core/datasets/catalog';
import {
  BACKEND_ORDER,
  LIMITS,
  OPTIMIZERS,
  type BackendChoice,
  type OptimizerId,
} from '../../core/training/config';
import { actions, isBusy, useAppStore } from '../../store/appStore';
import { NumberField } from '../common/NumberField';

export function TrainingSettings() {
  const setup = useAppStore((s) => s.setup);
  const locked = useAppStore((s) => isBusy(s) || s.phase === 'paused');
  const datasetId = useId();
  const optimizerId = useId();
  const backendId = useId();
  return (
    <section className="panel" aria-labelledby="training-heading">
      <h2 id="training-heading">Training</h2>
      <fieldset className="settings-grid" disabled={locked}>
        <div className="field wide">
          <label htmlFor={datasetId}>Dataset</label>
          <select
            id={datasetId}
            value={setup.dataset}
            onChange={(e) => actions.setDataset(e.target.value as DatasetId)}
          >
            {DATASET_IDS.map((id) => (
              <option key={id} value={id}>
                {DATASETS[id].name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={optimizerId}>Optimizer</label>
          <select
            id={optimizerId}
            value={setup.train.optimizer}
            onChange={(e) => actions.setTrain('optimizer', e.target.value as OptimizerId)}
          >
            {OPTIMIZERS.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <NumberField
          label="Learning rate"
          value={setup.train.learningRate}
          limit={LIMITS.learningRate}
          onCommit={(v) => actions.setTrain('learningRate', v)}
        />
        <NumberField
          label="Batch size"
          value={setup.train.batchSize}
          limit={LIMITS.batchSize}
          onCommit={(v) => actions.setTrain('batchSize', v)}
        />
        <NumberField
          label="Epochs"
          value={setup.train.epochs}
          limit={LIMITS.epochs}
          onCommit={(v) => actions.setTrain('epochs', v)}
        />
        <NumberField
          label="Seed"
          value={setup.train.seed}
          limit={LIMITS.seed}
          onCommit={(v) => actions.setTrain('seed', v)}
        />
        <div className="field">
          <label htmlFor={backendId}>Backend</label>
          <select
            id={backendId}
            value={setup.backend}
            onChange={(e) => actions.setBackend(e.target.value as BackendChoice)}
          >
            <option value="auto">Automatic</option>
            {BACKEND_ORDER.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      {locked && (
        <p className="hint">Pause and press Reset, or let the run finish, to change these.</p>
      )}
    </section>
  );
}
