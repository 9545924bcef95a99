import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

let instances = 0;
/** Spacing between components' updates, so no two land in the same task. */
const STAGGER_MS = 15;
const SLOTS = 8;

/**
 * `value`, applied in a browser task of this component's own: a page of charts then redraws one
 * chart per task instead of all in one long task that would hold up dragging and typing.
 */
export function useOwnTask<T>(value: T): T {
  const [shown, setShown] = useState(value);
  const slot = useRef(-1);
  useEffect(() => {
    if (slot.current < 0) slot.current = instances++ % SLOTS;
    const timer = setTimeout(() => flushSync(() => setShown(value)), slot.current * STAGGER_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return shown;
}
