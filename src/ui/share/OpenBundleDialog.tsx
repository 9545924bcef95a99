import { useEffect, useState } from 'react';
import { useModal } from '../common/useModal';
import { acceptBundle, onPendingBundle, type PendingBundle } from '../../store/sharing';

/** Asks before a bundle (a file, or `#bundle=`) replaces the work on screen. */
export function OpenBundleDialog() {
  const [pending, setPending] = useState<PendingBundle | null>(null);
  useEffect(() => onPendingBundle(setPending), []);
  const ref = useModal(pending !== null);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="open-bundle-title"
      onCancel={() => setPending(null)}
    >
      <h3 id="open-bundle-title">Open {pending?.source}?</h3>
      {pending?.url && <p className="bundle-url">From {pending.url}</p>}
      <p>It holds: {pending?.summary}.</p>
      <p>
        It replaces the model, dataset and settings on screen. Your saved runs stay in the runs
        table, and the bundle’s runs join them.
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={() => setPending(null)}>
          Keep my work
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            if (pending) acceptBundle(pending);
            setPending(null);
          }}
        >
          Open the bundle
        </button>
      </div>
    </dialog>
  );
}
