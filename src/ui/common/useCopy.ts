import { useState } from 'react';

const SHOWN_MS = 2000;

/** Copies text to the clipboard; `copied` is true for two seconds once it has worked. */
export function useCopy(): [copied: boolean, copy: (text: string) => void] {
  const [copied, setCopied] = useState(false);
  const copy = (text: string) => {
    navigator.clipboard.writeText(text).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), SHOWN_MS);
      },
      // No clipboard permission: the link is still in the address bar or the file.
      (error: unknown) => console.warn('Could not copy to the clipboard:', error),
    );
  };
  return [copied, copy];
}
