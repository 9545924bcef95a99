import { SPEC_LIMITS } from '../../core/spec/limits';
import type { Activation, LayerSpec, Padding } from '../../core/spec/types';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';

const ACTIVATIONS: readonly { value: Activation; label: string }[] = (
  ['relu', 'elu', 'swish', 'tanh', 'sigmoid', 'linear'] as const
).map((a) => ({ value: a, label: a }));
const PADDINGS: readonly { value: Padding; label: string }[] = [
  { value: 'same', label: 'same (keep size)' },
  { value: 'valid', label: 'valid (shrink)' },
];

interface Props {
  layer: LayerSpec;
  onChange: (layer: LayerSpec) => void;
}

/** The settings of one layer; every change is a complete, valid layer. */
export function LayerFields({ layer, onChange }: Props) {
  switch (layer.type) {
    case 'dense':
      return (
        <>
          <NumberField
            label="Units"
            value={layer.units}
            limit={SPEC_LIMITS.units}
            onCommit={(units) => onChange({ ...layer, units })}
          />
          <SelectField
            label="Activation"
            value={layer.activation}
            options={ACTIVATIONS}
            onChange={(activation) => onChange({ ...layer, activation })}
          />
        </>
      );
    case 'conv2d':
    case 'conv1d':
      return (
        <>
          <NumberField
            label="Filters"
            value={layer.filters}
            limit={SPEC_LIMITS.filters}
            onCommit={(filters) => onChange({ ...layer, filters })}
          />
          <NumberField
            label="Kernel size"
            value={layer.kernelSize}
            limit={SPEC_LIMITS.kernelSize}
            onCommit={(kernelSize) => onChange({ ...layer, kernelSize })}
          />
          <NumberField
            label="Stride"
            value={layer.strides}
            limit={SPEC_LIMITS.strides}
            onCommit={(strides) => onChange({ ...layer, strides })}
          />
          <SelectField
            label="Padding"
            value={layer.padding}
            options={PADDINGS}
            onChange={(padding) => onChange({ ...layer, padding })}
          />
          <SelectField
            label="Activation"
            value={layer.activation}
            options={ACTIVATIONS}
            onChange={(activation) => onChange({ ...layer, activation })}
          />
        </>
      );
    case 'maxPool2d':
      return (
        <>
          <NumberField
            label="Pool size"
            value={layer.poolSize}
            limit={SPEC_LIMITS.poolSize}
            onCommit={(poolSize) => onChange({ ...layer, poolSize })}
          />
          <NumberField
            label="Stride"
            value={layer.strides}
            limit={SPEC_LIMITS.strides}
            onCommit={(strides) => onChange({ ...layer, strides })}
          />
        </>
      );
    case 'dropout':
      return (
        <NumberField
          label="Rate"
          value={layer.rate}
          limit={SPEC_LIMITS.rate}
          step={0.05}
          onCommit={(rate) => onChange({ ...layer, rate })}
        />
      );
    case 'embedding':
      return (
        <NumberField
          label="Dimensions"
          value={layer.outputDim}
          limit={SPEC_LIMITS.outputDim}
          onCommit={(outputDim) => onChange({ ...layer, outputDim })}
        />
      );
    case 'gru':
      return (
        <>
          <NumberField
            label="Units"
            value={layer.units}
            limit={SPEC_LIMITS.units}
            onCommit={(units) => onChange({ ...layer, units })}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={layer.bidirectional}
              onChange={(e) => onChange({ ...layer, bidirectional: e.target.checked })}
            />
            Bidirectional (BiGRU)
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={layer.returnSequences}
              onChange={(e) => onChange({ ...layer, returnSequences: e.target.checked })}
            />
            One output per token
          </label>
        </>
      );
    case 'globalPool':
      return (
        <SelectField
          label="Mode"
          value={layer.mode}
          options={[
            { value: 'max', label: 'max' },
            { value: 'average', label: 'average' },
          ]}
          onChange={(mode) => onChange({ ...layer, mode })}
        />
      );
    case 'flatten':
    case 'layerNorm':
      return <p className="hint">No settings.</p>;
    default: {
      const never: never = layer;
      throw new Error(`unknown layer ${JSON.stringify(never)}`);
    }
  }
}
