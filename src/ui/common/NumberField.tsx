import { useId, useState } from 'react';
import { describeLimit, withinLimit, type Limit } from '../../core/training/config';

interface Props {
  label: string;
  value: number;
  limit: Limit;
  step?: number;
  disabled?: boolean;
  onCommit: (value: number) => void;
}

/** A number input that only commits values within `limit` and says why otherwise. */
export function NumberField({ label, value, limit, step, disabled, onCommit }: Props) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? String(value);
  const parsed = text.trim() === '' ? Number.NaN : Number(text);
  const valid = withinLimit(parsed, limit) !== null;
  const commit = () => {
    if (valid && parsed !== value) onCommit(parsed);
    if (valid) setDraft(null);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        step={step ?? (limit.integer ? 1 : 'any')}
        min={limit.min}
        max={limit.max}
        disabled={disabled}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : `${id}-error`}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      {!valid && (
        <span className="field-error" id={`${id}-error`}>
          Must be {describeLimit(limit)}.
        </span>
      )}
    </div>
  );
}
