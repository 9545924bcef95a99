import { useRef, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** The picker's filter (`.zip,application/zip`). */
  accept: string;
  /** The hidden input's name, for assistive technology and tests. */
  label: string;
  onFile: (file: File) => void;
}

/** A button that opens the file picker; the same file can be chosen again. */
export function FileButton({ children, accept, label, onFile }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {children}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        aria-label={label}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
