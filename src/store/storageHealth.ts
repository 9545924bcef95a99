import { useAppStore } from './appStore';

/** Why the browser's storage cannot keep the work: full, or not there at all (private windows). */
export type StorageProblem = 'full' | 'unavailable';

export function classifyStorageError(error: unknown): StorageProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  return name === 'QuotaExceededError' ? 'full' : 'unavailable';
}

const MESSAGES: Record<StorageProblem, string> = {
  full: 'The browser’s storage for this site is full: runs and the workspace are kept in this tab’s memory only. Download a bundle (Workspace → Download bundle) to keep them, or delete old runs.',
  unavailable:
    'This browser does not let the app store anything (a private window, or storage turned off): runs and the workspace live in this tab’s memory only. Download a bundle to keep them.',
};

/**
 * Notes a failed read or write of IndexedDB. The work stays in memory, the first failure puts a
 * warning on screen, and the console keeps the detail.
 */
export function storageFailed(what: string, error: unknown): void {
  const problem = classifyStorageError(error);
  console.warn(`Could not ${what}:`, error);
  const current = useAppStore.getState().storage;
  // "Full" says more than "unavailable" once both have been seen.
  if (current?.problem === problem || current?.problem === 'full') return;
  useAppStore.setState({ storage: { problem, message: MESSAGES[problem] } });
}

/**
 * Runs an IndexedDB operation so that a synchronous throw (idb-keyval opens the database on first
 * use, and `indexedDB.open` throws where storage is blocked) becomes a rejection like any other.
 */
export async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  return operation();
}
