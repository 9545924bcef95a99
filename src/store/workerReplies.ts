import type { InsightAnswers, InsightRequest } from '../core/insight/types';
import type { EncodedWeights, WorkerEvent } from '../worker/protocol';

/**
 * Callers waiting for the worker's answers. Zips and weights come back in request order (the
 * worker handles them one at a time); insight answers carry the id of their request.
 */
type Waiter<T> = { resolve: (value: T) => void; reject: (error: Error) => void };

const packages: Waiter<{ fileName: string; bytes: ArrayBuffer }>[] = [];
const weights: Waiter<EncodedWeights | null>[] = [];
const insights = new Map<number, Waiter<unknown>>();
let nextInsightId = 1;

export function awaitPackage(): Promise<{ fileName: string; bytes: ArrayBuffer }> {
  return new Promise((resolve, reject) => packages.push({ resolve, reject }));
}

export function awaitWeights(): Promise<EncodedWeights | null> {
  return new Promise((resolve, reject) => weights.push({ resolve, reject }));
}

/** A new insight request id and the promise of its answer. */
export function awaitInsight<R extends InsightRequest>(): {
  id: number;
  answer: Promise<InsightAnswers[R['kind']]>;
} {
  const id = nextInsightId++;
  const answer = new Promise<InsightAnswers[R['kind']]>((resolve, reject) =>
    insights.set(id, { resolve: resolve as (value: unknown) => void, reject }),
  );
  return { id, answer };
}

/** Hands an answer to its caller; false when the event is not an answer. */
export function settleReply(event: WorkerEvent): boolean {
  switch (event.type) {
    case 'modelPackage':
      packages.shift()?.resolve({ fileName: event.fileName, bytes: event.bytes });
      return true;
    case 'weights':
      weights.shift()?.resolve(event.weights);
      return true;
    case 'insight': {
      const waiter = insights.get(event.id);
      insights.delete(event.id);
      if (event.answer.ok) waiter?.resolve(event.answer.value);
      else waiter?.reject(new Error(event.answer.message));
      return true;
    }
    default:
      return false;
  }
}

/** The worker is gone: every caller hears why instead of waiting for ever. */
export function abandonReplies(reason: string): void {
  const error = new Error(reason);
  packages.splice(0).forEach((w) => w.reject(error));
  weights.splice(0).forEach((w) => w.resolve(null));
  [...insights.values()].forEach((w) => w.reject(error));
  insights.clear();
}
