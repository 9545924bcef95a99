import { useMemo } from 'react';
import { specForSetup } from '../../core/setupSpec';
import { analyzeSpec } from '../../core/spec/analyze';
import { describeShape } from '../../core/spec/shapes';
import type { LayerSpec } from '../../core/spec/types';
import { useAppStore } from '../../store/appStore';
import { taskColor } from '../common/taskColors';

function layerLabel(l: LayerSpec): string {
  switch (l.type) {
    case 'dense':
      return `Dense ${l.units} ${l.activation}`;
    case 'conv2d':
      return `Conv2D ${l.filters}@${l.kernelSize}×${l.kernelSize}`;
    case 'maxPool2d':
      return `MaxPool ${l.poolSize}`;
    case 'flatten':
      return 'Flatten';
    case 'dropout':
      return `Dropout ${l.rate}`;
    case 'embedding':
      return `Embedding ${l.outputDim}`;
    case 'conv1d':
      return `Conv1D ${l.filters}@${l.kernelSize}`;
    case 'gru':
      return `${l.bidirectional ? 'BiGRU' : 'GRU'} ${l.units}`;
    case 'globalPool':
      return `Global ${l.mode} pool`;
    case 'layerNorm':
      return 'LayerNorm';
    default: {
      const never: never = l;
      return String(never);
    }
  }
}

function Chain({
  layers,
  prefix,
  shapes,
}: {
  layers: LayerSpec[];
  prefix: (i: number) => string;
  shapes: Record<string, readonly number[]>;
}) {
  return (
    <>
      {layers.map((l, i) => (
        <div className="layer" key={i}>
          {layerLabel(l)}
          {shapes[prefix(i)] && <span className="shape">{describeShape(shapes[prefix(i)])}</span>}
        </div>
      ))}
    </>
  );
}

/** A compact drawing of the model the preset builds, with shapes and parameter count. */
export function ModelSummary() {
  const setup = useAppStore((s) => s.setup);
  const info = useAppStore((s) => s.dataset?.info);
  const spec = useMemo(() => (info ? specForSetup(setup, info) : null), [setup, info]);
  const analysis = useMemo(
    () => (spec && info ? analyzeSpec(spec, info.tasks) : null),
    [spec, info],
  );
  if (!spec || !info || !analysis) return null;
  return (
    <section className="panel model-summary" aria-labelledby="model-heading">
      <h2 id="model-heading">Model</h2>
      <p className="hint" data-testid="param-count">
        {spec.heads.length} heads · {analysis.totalParams.toLocaleString('en')} parameters
      </p>
      <div className="diagram">
        <div className="layer input">Input {describeShape(analysis.shapes.input ?? [])}</div>
        {spec.trunk.length > 0 && (
          <div className="block shared">
            <span className="block-label">shared trunk</span>
            <Chain layers={spec.trunk} prefix={(i) => `trunk.${i}`} shapes={analysis.shapes} />
          </div>
        )}
        {spec.experts && (
          <div className="block experts">
            <span className="block-label">
              {spec.experts.count} experts, one softmax gate per task (T ={' '}
              {spec.experts.gateTemperature})
            </span>
            <Chain
              layers={spec.experts.layers}
              prefix={(i) => `experts.${i}`}
              shapes={analysis.shapes}
            />
          </div>
        )}
        <div className="heads">
          {spec.heads.map((h, i) => (
            <div className="block head" key={h.task} style={{ borderTopColor: taskColor(i) }}>
              <span className="block-label">
                {info.tasks.find((t) => t.id === h.task)?.label ?? h.task}
              </span>
              <Chain
                layers={h.layers}
                prefix={(k) => `head.${h.task}.${k}`}
                shapes={analysis.shapes}
              />
              <div className="layer out">
                Dense {h.units} → softmax(z/{h.temperature})
              </div>
            </div>
          ))}
        </div>
      </div>
      {analysis.issues.length > 0 && (
        <ul className="issues">
          {analysis.issues.map((issue, i) => (
            <li key={i}>
              {issue.node}: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
