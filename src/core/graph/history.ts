/** Undo/redo over immutable snapshots; `present` is what the editor shows. */
export interface UndoHistory<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
}

/** Enough for an editing session; older steps are dropped first. */
export const MAX_UNDO_STEPS = 100;

export const startHistory = <T>(present: T): UndoHistory<T> => ({ past: [], present, future: [] });

/** Records a new state; it clears the redo list, as every editor does. */
export function record<T>(history: UndoHistory<T>, next: T): UndoHistory<T> {
  if (next === history.present) return history;
  return {
    past: [...history.past, history.present].slice(-MAX_UNDO_STEPS),
    present: next,
    future: [],
  };
}

/** Changes the present without an undo step (e.g. a drag in progress). */
export const replacePresent = <T>(history: UndoHistory<T>, next: T): UndoHistory<T> => ({
  ...history,
  present: next,
});

export function undo<T>(history: UndoHistory<T>): UndoHistory<T> {
  if (history.past.length === 0) return history;
  return {
    past: history.past.slice(0, -1),
    present: history.past[history.past.length - 1],
    future: [history.present, ...history.future],
  };
}

export function redo<T>(history: UndoHistory<T>): UndoHistory<T> {
  if (history.future.length === 0) return history;
  return {
    past: [...history.past, history.present],
    present: history.future[0],
    future: history.future.slice(1),
  };
}
