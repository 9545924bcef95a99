import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

let instances = 0;
/** Spacing between components' updates, so no two land in the same task. */
const STAGGER_MS = 15;
const SLOTS = 8;

/**
 * `value`, applied in a browser task of this component's own: a page of charts then redraws one
 * chart per task instead of all in one long task that would hold up dragging and typing. While
 * `active` is false the last value stays (an off-screen chart need not redraw).
 */
export function useOwnTask<T>(value: T, active = true): T {
  const [shown, setShown] = useState(value);
  const slot = useRef(-1);
  useEffect(() => {
    if (!active) return;
    if (slot.current < 0) slot.current = instances++ % SLOTS;
    const timer = setTimeout(() => flushSync(() => setShown(value)), slot.current * STAGGER_MS);
    return () => clearTimeout(timer);
  }, [value, active]);
  return shown;
}
