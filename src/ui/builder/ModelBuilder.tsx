import { ReactFlowProvider, type ColorMode } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useState } from 'react';
import { PRESETS, presetUnavailable, type PresetId } from '../../core/spec/presets';
import { useAppStore } from '../../store/appStore';
import { modelEditing } from '../../store/modelEditing';
import { formatCount } from '../common/formatCount';
import { DiscardWeightsDialog } from './DiscardWeightsDialog';
import { Inspector } from './Inspector';
import { ModelCanvas } from './ModelCanvas';
import { Palette } from './Palette';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The signature screen: draw the multi-task network, see its shapes and problems as you go. */
export function ModelBuilder({ colorMode }: { colorMode: ColorMode }) {
  const [selected, setSelected] = useState<string | null>(null);
  const preset = useAppStore((s) => s.setup.preset);
  const custom = useAppStore((s) => s.setup.model !== null);
  const input = useAppStore((s) => s.model?.present.input);
  const canUndo = useAppStore((s) => (s.model?.past.length ?? 0) > 0);
  const canRedo = useAppStore((s) => (s.model?.future.length ?? 0) > 0);
  const issueCount = useAppStore((s) => s.compiled?.issues.length ?? 0);
  const totalParams = useAppStore((s) => s.compiled?.totalParams ?? 0);
  const hasGraph = useAppStore((s) => s.model !== null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || !(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) modelEditing.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') modelEditing.redo();
      else if (key === 'd' && selected) modelEditing.duplicate([selected]);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected]);

  if (!hasGraph || !input) {
    return (
      <section className="panel builder" aria-label="Model builder">
        <p className="muted">The model builder opens once the dataset is loaded…</p>
      </section>
    );
  }
  return (
    <section className="panel builder" aria-labelledby="builder-heading">
      <div className="builder-toolbar">
        <h2 id="builder-heading">Model</h2>
        <label className="preset-select">
          <span>Preset</span>
          <select
            value={custom ? 'custom' : preset}
            onChange={(e) => modelEditing.choosePreset(e.target.value as PresetId)}
          >
            {custom && <option value="custom">Custom (from {preset})</option>}
            {PRESETS.map((p) => {
              const why = presetUnavailable(p.id, input);
              return (
                <option key={p.id} value={p.id} disabled={why !== null} title={why ?? p.summary}>
                  {p.label}
                </option>
              );
            })}
          </select>
        </label>
        <div className="toolbar-buttons" role="toolbar" aria-label="Edit the model">
          <button type="button" onClick={modelEditing.undo} disabled={!canUndo} title="Ctrl+Z">
            Undo
          </button>
          <button
            type="button"
            onClick={modelEditing.redo}
            disabled={!canRedo}
            title="Ctrl+Shift+Z"
          >
            Redo
          </button>
          <button type="button" onClick={modelEditing.autoLayout}>
            Auto-layout
          </button>
          <button
            type="button"
            onClick={() => {
              setSelected(null);
              modelEditing.clear();
            }}
          >
            Clear
          </button>
        </div>
        <span className="spacer" />
        <span
          className={`builder-status ${issueCount > 0 ? 'invalid' : 'valid'}`}
          aria-live="polite"
          data-testid="builder-status"
        >
          {issueCount > 0
            ? `${issueCount} problem${issueCount > 1 ? 's' : ''} to fix`
            : `Valid · ${formatCount(totalParams)} parameters`}
        </span>
      </div>
      <p className="hint builder-summary">
        {PRESETS.find((p) => p.id === preset)?.summary}
        {custom && ' Edited by hand.'}
      </p>
      <Palette />
      <div className="builder-body">
        <div className="canvas" data-testid="model-canvas">
          <ReactFlowProvider>
            <ModelCanvas colorMode={colorMode} onSelect={setSelected} />
          </ReactFlowProvider>
        </div>
        {selected && <Inspector nodeId={selected} onClose={() => setSelected(null)} />}
      </div>
      <p className="hint builder-keys">
        Drag from the palette onto the canvas (or click an item), connect an output port (bottom) to
        an input port (top), click a node to edit it. Keys: Tab reaches the nodes, Enter selects
        one, arrow keys move it, Delete removes it, Ctrl+D duplicates; Ctrl+Z / Ctrl+Shift+Z undo
        and redo.
      </p>
      <DiscardWeightsDialog />
    </section>
  );
}
