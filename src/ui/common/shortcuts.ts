import { useEffect } from 'react';
import { actions, useAppStore } from '../../store/appStore';
import { lessonPlayer } from '../../store/lessons';
import { useView, view } from './viewStore';

/** The keyboard shortcuts, as listed to the user. Presentation clickers send PageDown/PageUp. */
export const SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['Space', 'K'], what: 'Train / pause' },
  { keys: ['S'], what: 'One training step' },
  { keys: ['N', 'Page Down'], what: 'Next lesson step' },
  { keys: ['P', 'Page Up'], what: 'Previous lesson step' },
  { keys: ['R'], what: 'Reset this lesson step' },
  { keys: ['F'], what: 'Charts full screen (Esc leaves)' },
  { keys: ['?'], what: 'This list' },
];

const togglePlay = () => {
  if (useAppStore.getState().phase === 'training') actions.pause();
  else actions.train();
};

const ACTIONS = new Map<string, () => void>([
  [' ', togglePlay],
  ['k', togglePlay],
  ['s', actions.stepOnce],
  ['n', lessonPlayer.next],
  ['PageDown', lessonPlayer.next],
  ['p', lessonPlayer.previous],
  ['PageUp', lessonPlayer.previous],
  ['r', lessonPlayer.resetStep],
  ['f', () => view.setChartsFullScreen(!useView.getState().chartsFullScreen)],
  ['?', () => view.setShortcutsOpen(!useView.getState().shortcutsOpen)],
]);

/** Keys typed into a field, or Space on a control it activates, are the page's, not ours. */
function ownedByTarget(event: KeyboardEvent): boolean {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('input, textarea, select')) return true;
  return event.key === ' ' && target.closest('button, a, summary, [role=button]') !== null;
}

/** Listens for the shortcuts on the whole page while mounted. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      if (event.key === 'Escape' && useView.getState().chartsFullScreen) {
        view.setChartsFullScreen(false);
        return;
      }
      // A modal dialog (share, lessons…) keeps the keyboard to itself.
      if (document.querySelector('dialog[open]') || ownedByTarget(event)) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      const action = ACTIONS.get(key);
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
