import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/appStore';

/**
 * The number of steps the model has trained, updated at most once per `ms`. Views that only
 * refresh as the model trains read it instead of the store's step, so they do not re-render
 * with every progress report.
 */
export function useTrainedStep(ms: number): number {
  const [step, setStep] = useState(() => useAppStore.getState().step);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const unsubscribe = useAppStore.subscribe((s, prev) => {
      if (timer !== null || s.step === prev.step) return;
      timer = setTimeout(
        () => {
          timer = null;
          last = Date.now();
          setStep(useAppStore.getState().step);
        },
        Math.max(0, last + ms - Date.now()),
      );
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [ms]);
  return step;
}
