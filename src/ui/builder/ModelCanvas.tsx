import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  ReactFlow,
  useReactFlow,
  type ColorMode,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnBeforeDelete,
} from '@xyflow/react';
import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { explainNode, nodeTitle } from '../../core/graph/describe';
import { connectionProblem } from '../../core/graph/edit';
import { paletteNode, type PaletteItemId } from '../../core/graph/palette';
import { INPUT_NODE_ID, type Position } from '../../core/graph/types';
import { describeShape } from '../../core/spec/shapes';
import { selectTasks, useAppStore } from '../../store/appStore';
import { modelEditing } from '../../store/modelEditing';
import { taskColor } from '../common/taskColors';
import { PALETTE_MIME, type ModelFlowEdge, type ModelFlowNode } from './flowTypes';
import { ModelNode } from './ModelNode';

const nodeTypes = { model: ModelNode };
const DELETE_KEYS = ['Delete', 'Backspace'];

interface Props {
  colorMode: ColorMode;
  onSelect: (nodeId: string | null) => void;
}

/**
 * The canvas. Drags move a local copy of the nodes (smooth with many nodes, nothing recompiled);
 * the store receives the final positions, and every structural change goes through it.
 */
export function ModelCanvas({ colorMode, onSelect }: Props) {
  const graph = useAppStore((s) => s.model?.present ?? null);
  const compiled = useAppStore((s) => s.compiled);
  const tasks = useAppStore(selectTasks);
  const { screenToFlowPosition } = useReactFlow();

  const views = useMemo((): ModelFlowNode[] => {
    if (!graph) return [];
    const issues = new Map<string, string[]>();
    for (const issue of compiled?.issues ?? []) {
      issues.set(issue.node, [...(issues.get(issue.node) ?? []), issue.message]);
    }
    const detached = new Set(compiled?.detached ?? []);
    return graph.nodes.map((node) => {
      const data = node.data;
      const taskIndex = data.kind === 'head' ? tasks.findIndex((t) => t.id === data.task) : -1;
      const label = data.kind === 'head' ? (tasks[taskIndex]?.label ?? data.task) : undefined;
      const { title, detail } = nodeTitle(data, node.id === INPUT_NODE_ID ? undefined : label);
      const shape = compiled?.shapes[node.id];
      return {
        id: node.id,
        type: 'model',
        position: node.position,
        deletable: node.id !== INPUT_NODE_ID,
        ariaLabel: `${title}${detail ? `, ${detail}` : ''}`,
        data: {
          data,
          title: node.id === INPUT_NODE_ID ? inputTitle(graph.input) : title,
          detail: node.id === INPUT_NODE_ID ? inputDetail(graph.input) : detail,
          shape: shape ? describeShape(shape) : undefined,
          params: compiled?.params[node.id],
          issues: issues.get(node.id) ?? [],
          detached: detached.has(node.id),
          color:
            data.kind === 'head' ? taskColor(taskIndex >= 0 ? taskIndex : tasks.length) : undefined,
          explanation: explainNode(data),
        },
      };
    });
  }, [graph, compiled, tasks]);

  const flowEdges = useMemo((): ModelFlowEdge[] => {
    if (!graph) return [];
    return graph.edges.map((e) => {
      const shape = compiled?.shapes[e.source];
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        label: shape ? describeShape(shape) : undefined,
        className: 'model-edge',
      };
    });
  }, [graph, compiled]);

  // Local copies keep what React Flow measures and selects between store updates; they follow
  // the store whenever it changes (state adjusted during render, not in an effect).
  const [localNodes, setLocalNodes] = useState({ from: views, nodes: views });
  let nodes = localNodes.nodes;
  if (localNodes.from !== views) {
    const before = new Map(localNodes.nodes.map((n) => [n.id, n]));
    nodes = views.map((v) => {
      const old = before.get(v.id);
      return old ? { ...v, measured: old.measured, selected: old.selected } : v;
    });
    setLocalNodes({ from: views, nodes });
  }
  const [localEdges, setLocalEdges] = useState({ from: flowEdges, edges: flowEdges });
  let edges = localEdges.edges;
  if (localEdges.from !== flowEdges) {
    const selected = new Set(localEdges.edges.filter((e) => e.selected).map((e) => e.id));
    edges = flowEdges.map((e) => (selected.has(e.id) ? { ...e, selected: true } : e));
    setLocalEdges({ from: flowEdges, edges });
  }

  const onNodesChange = useCallback(
    (changes: NodeChange<ModelFlowNode>[]) => {
      // Removal goes through the store (onDelete), so undo sees it.
      const local = changes.filter((c) => c.type !== 'remove');
      setLocalNodes((l) => ({ ...l, nodes: applyNodeChanges(local, l.nodes) }));
      const finished = new Map<string, Position>();
      for (const c of changes) {
        if (c.type === 'position' && c.position && !c.dragging) finished.set(c.id, c.position);
      }
      if (finished.size > 0) modelEditing.move(finished, true);
      for (const c of changes) if (c.type === 'select' && c.selected) onSelect(c.id);
    },
    [onSelect],
  );
  const onEdgesChange = useCallback((changes: EdgeChange<ModelFlowEdge>[]) => {
    const local = changes.filter((c) => c.type !== 'remove');
    setLocalEdges((l) => ({ ...l, edges: applyEdgeChanges(local, l.edges) }));
  }, []);

  const onBeforeDelete: OnBeforeDelete<ModelFlowNode, ModelFlowEdge> = useCallback(
    async ({ nodes: ns, edges: es }) => ({
      nodes: ns.filter((n) => n.id !== INPUT_NODE_ID),
      edges: es,
    }),
    [],
  );
  const onDelete = useCallback(
    ({ nodes: ns, edges: es }: { nodes: ModelFlowNode[]; edges: ModelFlowEdge[] }) => {
      modelEditing.remove(
        ns.map((n) => n.id),
        es.map((e) => e.id),
      );
      onSelect(null);
    },
    [onSelect],
  );

  const isValidConnection: IsValidConnection<ModelFlowEdge> = useCallback(
    (c) => (graph ? connectionProblem(graph, c.source, c.target) === null : false),
    [graph],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const item = event.dataTransfer.getData(PALETTE_MIME) as PaletteItemId;
      if (!item || !graph) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      modelEditing.addNode(paletteNode(item, graph, tasks), {
        x: Math.round(at.x - 80),
        y: Math.round(at.y - 30),
      });
    },
    [graph, tasks, screenToFlowPosition],
  );

  return (
    <ReactFlow<ModelFlowNode, ModelFlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={(c) => modelEditing.connect(c.source, c.target)}
      isValidConnection={isValidConnection}
      onBeforeDelete={onBeforeDelete}
      onDelete={onDelete}
      onPaneClick={() => onSelect(null)}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(PALETTE_MIME)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDrop={onDrop}
      deleteKeyCode={DELETE_KEYS}
      colorMode={colorMode}
      fitView
      fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
      minZoom={0.2}
      maxZoom={2}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={20} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

function inputTitle(input: { kind: 'image' | 'tokens' }): string {
  return input.kind === 'image' ? 'Image input' : 'Token input';
}

function inputDetail(
  input:
    | { kind: 'image'; height: number; width: number; channels: number }
    | { kind: 'tokens'; vocabSize: number; maxLength: number },
): string {
  return input.kind === 'image'
    ? `${input.height}×${input.width} · ${input.channels === 1 ? 'grey' : `${input.channels} channels`}`
    : `${input.maxLength} tokens · vocabulary ${input.vocabSize.toLocaleString('en')}`;
}
