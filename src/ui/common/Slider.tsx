import { useId } from 'react';
import { LIMITS } from '../../core/training/config';

interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (v: number) => void;
  disabled?: boolean;
  /** Says why it is disabled, on hover. */
  title?: string;
}

/** A labelled range input with its value shown beside it. */
export function Slider({ label, value, min, max, step, onChange, disabled, title }: SliderProps) {
  const id = useId();
  return (
    <div className={disabled ? 'slider disabled' : 'slider'} title={title}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <span className="slider-value" aria-hidden="true">
        {value.toFixed(value >= 10 ? 1 : 2)}
      </span>
    </div>
  );
}

/** Softmax temperatures: 0.05 to 5 on the slider (links may set up to 20; the range then grows). */
export function TemperatureSlider(props: {
  label: string;
  value: number;
  onChange: (v: number) => void;
}) {
  return (
    <Slider
      {...props}
      min={Math.min(LIMITS.temperature.min, props.value)}
      max={Math.max(5, props.value)}
      step={0.05}
    />
  );
}
