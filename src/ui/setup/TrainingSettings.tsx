import {
  BACKEND_ORDER,
  LIMITS,
  OPTIMIZERS,
  type BackendChoice,
  type OptimizerId,
  type TrainConfig,
} from '../../core/training/config';
import { actions, isRunActive, useAppStore } from '../../store/appStore';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';

const OPTIMIZER_OPTIONS = OPTIMIZERS.map((o) => ({ value: o.id, label: o.label }));
const BACKEND_OPTIONS: { value: BackendChoice; label: string }[] = [
  { value: 'auto', label: 'Automatic' },
  ...BACKEND_ORDER.map((b) => ({ value: b, label: b })),
];
const NUMBER_FIELDS: { key: Exclude<keyof TrainConfig, 'optimizer'>; label: string }[] = [
  { key: 'learningRate', label: 'Learning rate' },
  { key: 'batchSize', label: 'Batch size' },
  { key: 'epochs', label: 'Epochs' },
  { key: 'seed', label: 'Seed' },
  { key: 'validationFraction', label: 'Validation share' },
  { key: 'testFraction', label: 'Test share' },
  { key: 'clipNorm', label: 'Clip gradient norm (0 = off)' },
];

export function TrainingSettings() {
  const setup = useAppStore((s) => s.setup);
  const locked = useAppStore(isRunActive);
  return (
    <section className="panel" aria-labelledby="training-heading">
      <h2 id="training-heading">Training</h2>
      <fieldset className="settings-grid" disabled={locked}>
        <SelectField<OptimizerId>
          label="Optimizer"
          value={setup.train.optimizer}
          options={OPTIMIZER_OPTIONS}
          onChange={(v) => actions.setTrain('optimizer', v)}
        />
        {NUMBER_FIELDS.map(({ key, label }) => (
          <NumberField
            key={key}
            label={label}
            value={setup.train[key]}
            limit={LIMITS[key]}
            onCommit={(v) => actions.setTrain(key, v)}
          />
        ))}
        <SelectField<BackendChoice>
          label="Backend"
          value={setup.backend}
          options={BACKEND_OPTIONS}
          onChange={actions.setBackend}
        />
      </fieldset>
      {locked && (
        <p className="hint">Pause and press Reset, or let the run finish, to change these.</p>
      )}
    </section>
  );
}
