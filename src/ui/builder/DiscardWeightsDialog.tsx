import { useModal } from '../common/useModal';
import { useAppStore } from '../../store/appStore';
import { modelEditing } from '../../store/modelEditing';

/** Asks before a change of structure throws away the weights training has produced. */
export function DiscardWeightsDialog() {
  const pending = useAppStore((s) => s.pendingEdit !== null);
  const step = useAppStore((s) => s.step);
  const ref = useModal(pending);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="discard-title"
      onCancel={() => modelEditing.cancelPendingEdit()}
    >
      <h3 id="discard-title">Discard the trained weights?</h3>
      <p>
        This change alters the model’s structure, so it needs a new model: the weights of{' '}
        {step.toLocaleString('en')} training steps will be lost. Loss weights and temperatures can
        change without this.
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={() => modelEditing.cancelPendingEdit()}>
          Keep the trained model
        </button>
        <button type="button" className="danger" onClick={() => modelEditing.confirmPendingEdit()}>
          Discard and change
        </button>
      </div>
    </dialog>
  );
}
