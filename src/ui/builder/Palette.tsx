import { PALETTE, paletteNode, type PaletteItem } from '../../core/graph/palette';
import { selectTasks, useAppStore } from '../../store/appStore';
import { modelEditing } from '../../store/modelEditing';
import { PALETTE_MIME } from './flowTypes';

const GROUPS = ['Layers', 'Mixture', 'Output'] as const;

/** Items to drag onto the canvas; Enter or a click adds one beside the model. */
export function Palette() {
  const input = useAppStore((s) => s.model?.present.input);
  if (!input) return null;
  const add = (item: PaletteItem) => {
    const s = useAppStore.getState();
    const graph = s.model?.present;
    if (!graph) return;
    const right = Math.max(0, ...graph.nodes.map((n) => n.position.x)) + 220;
    const top = Math.min(...graph.nodes.map((n) => n.position.y), 0);
    modelEditing.addNode(paletteNode(item.id, graph, selectTasks(s)), { x: right, y: top });
  };
  return (
    <nav className="palette" aria-label="Node palette">
      {GROUPS.map((group) => {
        const items = PALETTE.filter((p) => p.group === group);
        // Layers that suit this input come first; the others stay available.
        const sorted = [
          ...items.filter((p) => p.suits(input)),
          ...items.filter((p) => !p.suits(input)),
        ];
        return (
          <div key={group} className="palette-group">
            <h4>{group}</h4>
            {sorted.map((item) => (
              <button
                key={item.id}
                type="button"
                draggable
                className={`palette-item palette-${item.group.toLowerCase()}${item.suits(input) ? '' : ' off-input'}`}
                data-palette={item.id}
                title={`Drag onto the canvas, or click to add ${item.label}`}
                onDragStart={(e) => {
                  e.dataTransfer.setData(PALETTE_MIME, item.id);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => add(item)}
              >
                {item.label}
              </button>
            ))}
          </div>
        );
      })}
    </nav>
  );
}
