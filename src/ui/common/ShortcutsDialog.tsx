import { SHORTCUTS } from './shortcuts';
import { useModal } from './useModal';
import { useView, view } from './viewStore';

/** The keyboard shortcuts (`?`). */
export function ShortcutsDialog() {
  const open = useView((s) => s.shortcutsOpen);
  const dialog = useModal(open);
  const close = () => view.setShortcutsOpen(false);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog shortcuts-dialog"
      aria-labelledby="shortcuts-title"
      onCancel={close}
    >
      <h3 id="shortcuts-title">Keyboard shortcuts</h3>
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.what}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' or '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">Not while typing in a field.</p>
      <div className="dialog-buttons">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </dialog>
  );
}
