import { compileGraph } from '../core/graph/compile';
import {
  addNode,
  connect,
  duplicateNodes,
  emptyGraph,
  moveNodes,
  removeEdges,
  removeNodes,
  updateNodeData,
} from '../core/graph/edit';
import { record, redo, replacePresent, undo, type UndoHistory } from '../core/graph/history';
import { autoLayout } from '../core/graph/layout';
import { specToGraph } from '../core/graph/specToGraph';
import type { GraphNodeData, ModelGraph, Position } from '../core/graph/types';
import { customModel, settingsOf, structureKey, withSettings } from '../core/setupSpec';
import { buildPreset, type PresetId } from '../core/spec/presets';
import type { ModelSpec } from '../core/spec/types';
import type { TaskSettings } from '../core/training/config';
import { hasTrainedWeights, useAppStore, worker, writeHash } from './appStore';

const set = useAppStore.setState;
const get = useAppStore.getState;

/** Edits with the same key this close together are one undo step (a slider being dragged). */
const COALESCE_MS = 1500;
let lastCoalesced = { key: '', at: 0 };

type HistoryMode = 'record' | 'replace' | { coalesce: string };
/** The preset a pending edit comes from, applied with it. */
let pendingPreset: PresetId | null = null;

/**
 * Makes `next` the graph on screen. A change of structure that would throw away trained weights
 * waits for the user's answer instead (see `confirmPendingEdit`).
 */
function commit(
  next: ModelGraph,
  mode: HistoryMode = 'record',
  { confirmed = false, preset }: { confirmed?: boolean; preset?: PresetId } = {},
): void {
  const s = get();
  if (!s.model || !s.dataset) return;
  const compiled = compileGraph(next, s.dataset.info.tasks);
  const nextKey = compiled.spec ? structureKey(s.setup, compiled.spec) : null;
  if (!confirmed && hasTrainedWeights(s) && nextKey !== s.builtKey) {
    pendingPreset = preset ?? null;
    set({ pendingEdit: next });
    return;
  }
  let history = s.model;
  if (mode === 'record') history = record(history, next);
  else if (mode === 'replace') history = replacePresent(history, next);
  else {
    const now = Date.now();
    const same = lastCoalesced.key === mode.coalesce && now - lastCoalesced.at < COALESCE_MS;
    history = same ? replacePresent(history, next) : record(history, next);
    lastCoalesced = { key: mode.coalesce, at: now };
  }
  let setup = preset ? { ...s.setup, preset } : s.setup;
  if (compiled.spec) {
    setup = {
      ...setup,
      model: customModel(compiled.spec, setup.preset, s.dataset.info),
      ...settingsOf(compiled.spec),
    };
    writeHash(setup);
  }
  set({ model: history, compiled, setup, pendingEdit: null });
  // Same structure as the model in the worker: weights and temperatures apply to it live.
  if (compiled.spec && nextKey === s.builtKey) sendChangedSettings(s.compiled?.spec, compiled.spec);
}

function sendChangedSettings(before: ModelSpec | null | undefined, after: ModelSpec): void {
  for (const head of after.heads) {
    const old = before?.heads.find((h) => h.task === head.task);
    const settings: TaskSettings = {
      weight: head.weight,
      temperature: head.temperature,
      ...(head.gate ? { gateTemperature: head.gate.temperature } : {}),
    };
    if (
      old &&
      old.weight === settings.weight &&
      old.temperature === settings.temperature &&
      old.gate?.temperature === settings.gateTemperature
    ) {
      continue;
    }
    worker?.send({ type: 'setTaskSettings', task: head.task, settings });
  }
}

const present = (): ModelGraph | null => get().model?.present ?? null;

/** Undo or redo: the history moves, then its new present is committed like any edit. */
function travel(move: (history: UndoHistory<ModelGraph>) => UndoHistory<ModelGraph>): void {
  const s = get();
  if (!s.model) return;
  const moved = move(s.model);
  if (moved === s.model) return;
  set({ model: { ...moved, present: s.model.present } });
  commit(moved.present, 'replace');
  // Declined (weights kept): put the history back as it was.
  if (get().pendingEdit) set({ model: s.model });
}

const edit = (change: (graph: ModelGraph) => ModelGraph, mode: HistoryMode = 'record') => {
  const graph = present();
  if (!graph) return;
  const next = change(graph);
  if (next !== graph) commit(next, mode);
};

/** Everything the builder can do to the model; each step can be undone. */
export const modelEditing = {
  /** Replaces the graph by a preset built for the dataset's tasks, keeping the task settings. */
  choosePreset(preset: PresetId): void {
    const s = get();
    const graph = present();
    if (!s.dataset || !graph) return;
    const spec = withSettings(
      buildPreset(preset, s.dataset.info.input, s.dataset.info.tasks),
      s.setup,
    );
    commit(specToGraph(spec), 'record', { preset });
  },
  addNode(data: GraphNodeData, position: Position): void {
    edit((g) => addNode(g, data, position));
  },
  connect(source: string, target: string): void {
    edit((g) => connect(g, source, target));
  },
  remove(nodeIds: readonly string[], edgeIds: readonly string[]): void {
    edit((g) => removeEdges(removeNodes(g, nodeIds), edgeIds));
  },
  duplicate(nodeIds: readonly string[]): void {
    edit((g) => duplicateNodes(g, nodeIds));
  },
  updateNode(id: string, data: GraphNodeData, coalesceKey?: string): void {
    edit((g) => updateNodeData(g, id, data), coalesceKey ? { coalesce: coalesceKey } : 'record');
  },
  /** Moves nodes; `final` marks the end of a drag, the one position undo returns to. */
  move(positions: ReadonlyMap<string, Position>, final: boolean): void {
    const s = get();
    const graph = present();
    if (!s.model || !graph) return;
    const next = moveNodes(graph, positions);
    // A move changes no model: no compile, no question about weights.
    set({ model: final ? record(s.model, next) : replacePresent(s.model, next) });
  },
  autoLayout(): void {
    edit((g) => autoLayout(g));
  },
  clear(): void {
    edit((g) => emptyGraph(g));
  },
  undo(): void {
    travel(undo);
  },
  redo(): void {
    travel(redo);
  },
  /** Loss weight and temperatures of one task; applies live to a running training. */
  setTaskSettings(task: string, settings: Partial<TaskSettings>): void {
    const graph = present();
    if (!graph) return;
    const head = graph.nodes.find((n) => n.data.kind === 'head' && n.data.task === task);
    let next = graph;
    if (head && head.data.kind === 'head') {
      next = updateNodeData(next, head.id, {
        ...head.data,
        weight: settings.weight ?? head.data.weight,
        temperature: settings.temperature ?? head.data.temperature,
      });
    }
    const gateId = settings.gateTemperature !== undefined ? gateOf(graph, task) : null;
    const gate = gateId ? graph.nodes.find((n) => n.id === gateId) : undefined;
    if (gate && gate.data.kind === 'gate' && settings.gateTemperature !== undefined) {
      next = updateNodeData(next, gate.id, { ...gate.data, temperature: settings.gateTemperature });
    }
    if (next !== graph) commit(next, { coalesce: `settings:${task}` });
  },
  confirmPendingEdit(): void {
    const pending = get().pendingEdit;
    if (!pending) return;
    // The trained weights go: the worker re-initialises, and Train builds the new model.
    worker?.send({ type: 'reset' });
    set({ step: 0 });
    commit(pending, 'record', { confirmed: true, preset: pendingPreset ?? undefined });
    pendingPreset = null;
  },
  cancelPendingEdit(): void {
    pendingPreset = null;
    set({ pendingEdit: null });
  },
};

/** The gate node feeding a task's head (through its tower), found by walking back from the head. */
export function gateOf(graph: ModelGraph, task: string): string | null {
  const head = graph.nodes.find((n) => n.data.kind === 'head' && n.data.task === task);
  let id = head?.id;
  const seen = new Set<string>();
  while (id && !seen.has(id)) {
    seen.add(id);
    const node = graph.nodes.find((n) => n.id === id);
    if (node?.data.kind === 'gate') return node.id;
    id = graph.edges.find((e) => e.target === id)?.source;
  }
  return null;
}
