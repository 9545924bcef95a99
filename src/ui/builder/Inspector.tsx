import { explainNode, layerName, LOSS_NAMES, nodeTitle } from '../../core/graph/describe';
import { defaultLayer, headFor, PALETTE } from '../../core/graph/palette';
import type { GraphNode, GraphNodeData } from '../../core/graph/types';
import { LOSSES_FOR_KIND } from '../../core/spec/analyze';
import { SPEC_LIMITS } from '../../core/spec/limits';
import { describeShape } from '../../core/spec/shapes';
import type { LayerSpec, LayerType, LossSpec } from '../../core/spec/types';
import { RECONSTRUCTION_TASK, type TaskKind } from '../../core/tasks';
import { selectTasks, useAppStore } from '../../store/appStore';
import { modelEditing } from '../../store/modelEditing';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';
import { Slider, TemperatureSlider } from '../common/Slider';
import { LayerFields } from './LayerFields';

const LAYER_TYPES = PALETTE.filter((p) => p.group === 'Layers').map((p) => ({
  value: p.id as LayerType,
  label: p.label,
}));

/** What the dashboard reports for each kind of head. */
const METRIC_LABELS: Record<TaskKind, string> = {
  classification: 'accuracy, with macro-F1',
  sequenceLabeling: 'token accuracy (padding never counts), with macro-F1',
  regression: 'mean squared error',
  reconstruction: 'mean squared error of the rebuilt input',
};

function defaultLoss(type: LossSpec['type']): LossSpec {
  switch (type) {
    case 'focal':
      return { type, gamma: 2, alpha: 0.25 };
    case 'weightedFocal':
      return { type, gamma: 2, classWeights: 'inverseFrequency' };
    default:
      return { type };
  }
}

/** The panel over the canvas: the selected node's settings, its problems, and what it does. */
export function Inspector({ nodeId, onClose }: { nodeId: string; onClose: () => void }) {
  const node = useAppStore((s) => s.model?.present.nodes.find((n) => n.id === nodeId) ?? null);
  const compiled = useAppStore((s) => s.compiled);
  const issues = compiled?.issues.filter((i) => i.node === nodeId) ?? [];
  const shape = nodeId ? compiled?.shapes[nodeId] : undefined;
  const params = nodeId ? compiled?.params[nodeId] : undefined;

  if (!node) return null;
  const update = (data: GraphNodeData, coalesce?: string) =>
    modelEditing.updateNode(node.id, data, coalesce);
  const { title } = nodeTitle(node.data);
  return (
    <aside className="inspector" aria-label="Node settings" key={node.id}>
      <div className="inspector-head">
        <h3>{title}</h3>
        <button
          type="button"
          className="close"
          onClick={onClose}
          aria-label="Close the node settings"
        >
          ×
        </button>
      </div>
      <p className="hint">{explainNode(node.data)}</p>
      {issues.length > 0 && (
        <ul className="inspector-issues" aria-label="Problems">
          {issues.map((i) => (
            <li key={i.message}>{i.message}</li>
          ))}
        </ul>
      )}
      <div className="inspector-fields">
        <NodeFields node={node} update={update} />
      </div>
      <p className="muted inspector-meta">
        {shape ? `Output ${describeShape(shape)}` : 'Output shape unknown until connected'}
        {params ? ` · ${params.toLocaleString('en')} parameters` : ''}
      </p>
      {node.data.kind !== 'input' && (
        <div className="inspector-actions">
          <button type="button" onClick={() => modelEditing.duplicate([node.id])}>
            Duplicate
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => modelEditing.remove([node.id], [])}
          >
            Delete
          </button>
        </div>
      )}
    </aside>
  );
}

function NodeFields({
  node,
  update,
}: {
  node: GraphNode;
  update: (data: GraphNodeData, coalesce?: string) => void;
}) {
  const tasks = useAppStore(selectTasks);
  const input = useAppStore((s) => s.model?.present.input);
  const data = node.data;
  switch (data.kind) {
    case 'input':
      return <p className="hint">Set by the dataset.</p>;
    case 'layer':
      return (
        <>
          <SelectField
            label="Layer"
            value={data.layer.type}
            options={LAYER_TYPES}
            onChange={(type) => update({ kind: 'layer', layer: defaultLayer(type) })}
          />
          <LayerFields layer={data.layer} onChange={(layer) => update({ ...data, layer })} />
        </>
      );
    case 'experts':
      return (
        <>
          <TextField
            label="Group name"
            value={data.group}
            onCommit={(group) => update({ ...data, group })}
          />
          <NumberField
            label="Experts"
            value={data.count}
            limit={SPEC_LIMITS.experts}
            onCommit={(count) => update({ ...data, count })}
          />
          <fieldset className="expert-layers">
            <legend>Each expert</legend>
            {data.layers.map((layer, i) => (
              <ExpertLayer
                key={`${i}-${layer.type}`}
                layer={layer}
                index={i}
                onChange={(l) =>
                  update({ ...data, layers: data.layers.map((x, j) => (j === i ? l : x)) })
                }
                onRemove={() => update({ ...data, layers: data.layers.filter((_, j) => j !== i) })}
              />
            ))}
            <button
              type="button"
              onClick={() => update({ ...data, layers: [...data.layers, defaultLayer('dense')] })}
            >
              Add a layer
            </button>
          </fieldset>
        </>
      );
    case 'gate':
      return (
        <TemperatureSlider
          label="Gate temperature"
          value={data.temperature}
          onChange={(temperature) => update({ ...data, temperature }, `gate:${node.id}`)}
        />
      );
    case 'head': {
      const options = [...tasks, ...(input?.kind === 'image' ? [RECONSTRUCTION_TASK] : [])];
      return (
        <>
          <SelectField
            label="Task"
            value={data.task}
            options={[
              ...options.map((t) => ({ value: t.id, label: t.label })),
              ...(options.some((t) => t.id === data.task)
                ? []
                : [{ value: data.task, label: data.task }]),
            ]}
            onChange={(id) => {
              const task = options.find((t) => t.id === id);
              if (task) {
                const fresh = headFor(task);
                if (fresh.kind === 'head') {
                  update({ ...fresh, weight: data.weight, temperature: data.temperature });
                }
              }
            }}
          />
          <NumberField
            label={data.taskKind === 'regression' ? 'Outputs' : 'Classes'}
            value={data.units}
            limit={SPEC_LIMITS.units}
            onCommit={(units) => update({ ...data, units })}
          />
          <p className="hint">Metric: {METRIC_LABELS[data.taskKind]}</p>
          <SelectField
            label="Loss"
            value={data.loss.type}
            options={LOSSES_FOR_KIND[data.taskKind].map((l) => ({
              value: l,
              label: LOSS_NAMES[l],
            }))}
            onChange={(type) => update({ ...data, loss: defaultLoss(type) })}
          />
          {(data.loss.type === 'focal' || data.loss.type === 'weightedFocal') && (
            <NumberField
              label="Focal γ"
              value={data.loss.gamma}
              limit={SPEC_LIMITS.gamma}
              step={0.5}
              onCommit={(gamma) => update({ ...data, loss: { ...data.loss, gamma } as LossSpec })}
            />
          )}
          {data.loss.type === 'focal' && (
            <NumberField
              label="Focal α"
              value={data.loss.alpha}
              limit={SPEC_LIMITS.alpha}
              step={0.05}
              onCommit={(alpha) => update({ ...data, loss: { ...data.loss, alpha } as LossSpec })}
            />
          )}
          <Slider
            label="Loss weight"
            value={data.weight}
            min={0}
            max={Math.max(5, data.weight)}
            step={0.05}
            onChange={(weight) => modelEditing.setTaskSettings(data.task, { weight })}
          />
          <TemperatureSlider
            label="Temperature"
            value={data.temperature}
            onChange={(temperature) => modelEditing.setTaskSettings(data.task, { temperature })}
          />
        </>
      );
    }
    default: {
      const never: never = data;
      throw new Error(`unknown node ${JSON.stringify(never)}`);
    }
  }
}

function ExpertLayer({
  layer,
  index,
  onChange,
  onRemove,
}: {
  layer: LayerSpec;
  index: number;
  onChange: (layer: LayerSpec) => void;
  onRemove: () => void;
}) {
  return (
    <div className="expert-layer">
      <div className="expert-layer-head">
        <SelectField
          label={`Layer ${index + 1}`}
          value={layer.type}
          options={LAYER_TYPES}
          onChange={(type) => onChange(defaultLayer(type))}
        />
        <button
          type="button"
          onClick={onRemove}
          aria-label={`Remove ${layerName(layer)} from the experts`}
        >
          Remove
        </button>
      </div>
      <LayerFields layer={layer} onChange={onChange} />
    </div>
  );
}

function TextField({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: string;
  onCommit: (v: string) => void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        defaultValue={value}
        pattern="[a-z][a-z0-9_]*"
        onBlur={(e) => {
          const v = e.target.value.trim();
          if (/^[a-z][a-z0-9_]{0,39}$/.test(v) && v !== value) onCommit(v);
          else e.target.value = value;
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
        }}
      />
    </label>
  );
}
