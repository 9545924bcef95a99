import { SPEC_LIMITS } from '../../core/spec/limits';
import type { LayerSpec, LayerType } from '../../core/spec/types';
import type { Limit } from '../../core/training/config';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';

type Field =
  | { kind: 'number'; key: string; label: string; limit: Limit; step?: number }
  | { kind: 'select'; key: string; label: string; options: readonly string[] }
  | { kind: 'check'; key: string; label: string };

const activation: Field = {
  kind: 'select',
  key: 'activation',
  label: 'Activation',
  options: ['relu', 'elu', 'swish', 'tanh', 'sigmoid', 'linear'],
};
const strides: Field = {
  kind: 'number',
  key: 'strides',
  label: 'Stride',
  limit: SPEC_LIMITS.strides,
};
const convolution: Field[] = [
  { kind: 'number', key: 'filters', label: 'Filters', limit: SPEC_LIMITS.filters },
  { kind: 'number', key: 'kernelSize', label: 'Kernel size', limit: SPEC_LIMITS.kernelSize },
  strides,
  {
    kind: 'select',
    key: 'padding',
    label: 'Padding (same keeps the size)',
    options: ['same', 'valid'],
  },
  activation,
];

/** The settings of each layer type, as the form shows them. */
const FIELDS: Record<LayerType, readonly Field[]> = {
  dense: [{ kind: 'number', key: 'units', label: 'Units', limit: SPEC_LIMITS.units }, activation],
  conv2d: convolution,
  conv1d: convolution,
  maxPool2d: [
    { kind: 'number', key: 'poolSize', label: 'Pool size', limit: SPEC_LIMITS.poolSize },
    strides,
  ],
  dropout: [{ kind: 'number', key: 'rate', label: 'Rate', limit: SPEC_LIMITS.rate, step: 0.05 }],
  embedding: [
    { kind: 'number', key: 'outputDim', label: 'Dimensions', limit: SPEC_LIMITS.outputDim },
  ],
  gru: [
    { kind: 'number', key: 'units', label: 'Units', limit: SPEC_LIMITS.units },
    { kind: 'check', key: 'bidirectional', label: 'Bidirectional (BiGRU)' },
    { kind: 'check', key: 'returnSequences', label: 'One output per token' },
  ],
  globalPool: [{ kind: 'select', key: 'mode', label: 'Mode', options: ['max', 'average'] }],
  flatten: [],
  layerNorm: [],
};

interface Props {
  layer: LayerSpec;
  onChange: (layer: LayerSpec) => void;
}

/** The settings of one layer; every change is a complete layer of the same type. */
export function LayerFields({ layer, onChange }: Props) {
  const fields = FIELDS[layer.type];
  if (fields.length === 0) return <p className="hint">No settings.</p>;
  // The table names each type's own keys, so these reads and writes stay within the type.
  const values = layer as unknown as Record<string, number | string | boolean>;
  const set = (key: string, value: number | string | boolean) =>
    onChange({ ...layer, [key]: value } as LayerSpec);
  return (
    <>
      {fields.map((field) => {
        switch (field.kind) {
          case 'number':
            return (
              <NumberField
                key={field.key}
                label={field.label}
                value={values[field.key] as number}
                limit={field.limit}
                step={field.step}
                onCommit={(v) => set(field.key, v)}
              />
            );
          case 'select':
            return (
              <SelectField
                key={field.key}
                label={field.label}
                value={values[field.key] as string}
                options={field.options.map((o) => ({ value: o, label: o }))}
                onChange={(v) => set(field.key, v)}
              />
            );
          case 'check':
            return (
              <label key={field.key} className="check">
                <input
                  type="checkbox"
                  checked={values[field.key] as boolean}
                  onChange={(e) => set(field.key, e.target.checked)}
                />
                {field.label}
              </label>
            );
          default: {
            const never: never = field;
            throw new Error(`unknown field ${JSON.stringify(never)}`);
          }
        }
      })}
    </>
  );
}
