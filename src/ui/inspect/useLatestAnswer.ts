import { useCallback, useRef, useState } from 'react';
import type { InsightAnswers, InsightRequest } from '../../core/insight/types';
import { askWorker } from '../../store/appStore';

/**
 * Asks the worker with at most one question in flight: a question asked meanwhile waits, and a
 * newer one replaces it. Drawing and typing send a question per change; the worker answers the
 * latest as fast as it can, and the page never queues up stale work.
 */
export function useLatestAnswer<K extends InsightRequest['kind']>() {
  const [answer, setAnswer] = useState<InsightAnswers[K] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const flight = useRef<{ busy: boolean; next: Extract<InsightRequest, { kind: K }> | null }>({
    busy: false,
    next: null,
  });
  const ask = useCallback((request: Extract<InsightRequest, { kind: K }>) => {
    const f = flight.current;
    if (f.busy) {
      f.next = request;
      return;
    }
    const send = (r: Extract<InsightRequest, { kind: K }>) => {
      f.busy = true;
      setBusy(true);
      askWorker(r)
        .then(
          (value) => {
            setAnswer(value as InsightAnswers[K]);
            setError(null);
          },
          (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
        )
        .finally(() => {
          const next = f.next;
          f.next = null;
          if (next) send(next);
          else {
            f.busy = false;
            setBusy(false);
          }
        });
    };
    send(request);
  }, []);
  return { answer, error, busy, ask };
}
