import type { ExpertGroupSpec, HeadSpec, LayerSpec, ModelSpec, NodeRef } from '../spec/types';
import { MODEL_SPEC_VERSION, nodeRef } from '../spec/types';
import type { GraphIssue, GraphNode, ModelGraph } from './types';
import { INPUT_NODE_ID } from './types';

export interface GraphReading {
  /** The model the graph's complete paths describe; a head whose path is broken is left out. */
  spec: ModelSpec;
  /** Structural problems (loops, loose ends, wrong connections), each on its node. */
  issues: GraphIssue[];
  /** The node each part of the spec comes from, to show shapes and analysis issues on it. */
  nodeOf: Map<NodeRef, string>;
  /** Nodes cut off by a problem further up (which carries the issue). */
  detached: string[];
}

const KIND_NAMES = {
  input: 'the input',
  layer: 'a layer',
  experts: 'an expert group',
  gate: 'a gate',
  head: 'a head',
} as const;

/**
 * Reads a graph as a model spec. The graph must be a tree from the input: shared layers up to a
 * branch point, then either one chain of layers per head, or expert groups → one gate per head →
 * that head's layers. Every deviation is an issue on the node where it happens; the rest of the
 * graph is still read, so the editor can show shapes on the parts that are complete.
 */
export function graphToSpec(graph: ModelGraph): GraphReading {
  const issues: GraphIssue[] = [];
  const nodeOf = new Map<NodeRef, string>();
  const spec: ModelSpec = {
    version: MODEL_SPEC_VERSION,
    input: structuredClone(graph.input),
    trunk: [],
    experts: [],
    heads: [],
  };
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const out = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  const into = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    out.get(e.source)!.push(e.target);
    into.get(e.target)!.push(e.source);
  }
  const flagged = new Set<string>();
  const flag = (node: string, message: string) => {
    if (flagged.has(node)) return;
    flagged.add(node);
    issues.push({ node, message });
  };
  const kind = (id: string) => byId.get(id)!.data.kind;

  const looped = nodesOnCycles(graph.nodes, out);
  for (const id of looped) {
    flag(id, 'This connection makes a loop: data must flow one way, from the input to the heads.');
  }
  const input = byId.get(INPUT_NODE_ID);
  if (!input || input.data.kind !== 'input' || looped.size > 0) {
    if (!input) issues.push({ node: INPUT_NODE_ID, message: 'The model needs its input node.' });
    return { spec, issues, nodeOf, detached: [] };
  }
  nodeOf.set(nodeRef.input, INPUT_NODE_ID);
  const visited = new Set<string>([INPUT_NODE_ID]);

  /** Follows single-input layers from `start` to a head; null (with an issue) if the path breaks. */
  const towerTo = (start: string): { layers: string[]; head: string } | null => {
    const layers: string[] = [];
    let id = start;
    for (;;) {
      visited.add(id);
      if (into.get(id)!.length > 1) {
        flag(id, `Only a gate takes several inputs; this node has ${into.get(id)!.length}.`);
        return null;
      }
      const k = kind(id);
      if (k === 'head') return { layers, head: id };
      if (k !== 'layer') {
        flag(id, `A head's layers cannot contain ${KIND_NAMES[k]}.`);
        return null;
      }
      layers.push(id);
      const next = out.get(id)!;
      if (next.length === 0) {
        flag(id, 'Its output goes nowhere: connect it to the next layer or a head.');
        return null;
      }
      if (next.length > 1) {
        flag(
          id,
          `This layer feeds ${next.length} nodes; only the last shared layer and expert groups may branch.`,
        );
        return null;
      }
      id = next[0];
    }
  };

  const seenTasks = new Map<string, string>();
  const addHead = (headId: string, layerIds: string[], gate?: HeadSpec['gate']) => {
    const data = byId.get(headId)!.data;
    if (data.kind !== 'head') return;
    const first = seenTasks.get(data.task);
    if (first !== undefined) {
      flag(headId, `Another head already predicts "${data.task}"; pick a different task.`);
      return;
    }
    seenTasks.set(data.task, headId);
    const layers = layerIds.map((id) => layerOf(byId.get(id)!));
    layerIds.forEach((id, i) => nodeOf.set(nodeRef.headLayer(data.task, i), id));
    nodeOf.set(nodeRef.head(data.task), headId);
    spec.heads.push({
      task: data.task,
      kind: data.taskKind,
      units: data.units,
      layers,
      loss: structuredClone(data.loss),
      weight: data.weight,
      temperature: data.temperature,
      ...(gate ? { gate } : {}),
    });
  };

  // Shared layers: the chain from the input while each node has exactly one way on.
  let branch = INPUT_NODE_ID;
  for (;;) {
    const next = out.get(branch)!;
    if (next.length !== 1 || kind(next[0]) !== 'layer' || into.get(next[0])!.length !== 1) break;
    // With a single head the whole path is shared: the graph cannot tell trunk from tower.
    branch = next[0];
    visited.add(branch);
    nodeOf.set(nodeRef.trunk(spec.trunk.length), branch);
    spec.trunk.push(layerOf(byId.get(branch)!));
  }

  const fromBranch = out.get(branch)!;
  if (fromBranch.length === 0 && graph.nodes.some((n) => n.data.kind === 'head')) {
    flag(branch, 'Its output goes nowhere: connect it to the next layer, experts or a head.');
  }
  const expertIds = fromBranch.filter((id) => kind(id) === 'experts');
  if (expertIds.length === 0) {
    for (const start of fromBranch) {
      const tower = towerTo(start);
      if (tower) addHead(tower.head, tower.layers);
    }
  } else {
    for (const id of fromBranch) {
      if (kind(id) !== 'experts') {
        visited.add(id);
        flag(id, 'The shared layers feed experts, so every head must read them through a gate.');
      }
    }
    const gates: string[] = [];
    for (const id of expertIds) {
      visited.add(id);
      const data = byId.get(id)!.data;
      if (data.kind !== 'experts') continue;
      if (into.get(id)!.length > 1) {
        flag(id, `Only a gate takes several inputs; this node has ${into.get(id)!.length}.`);
        continue;
      }
      const group: ExpertGroupSpec = {
        id: data.group,
        count: data.count,
        layers: structuredClone(data.layers),
      };
      nodeOf.set(nodeRef.experts(group.id), id);
      spec.experts.push(group);
      for (const next of out.get(id)!) {
        if (kind(next) !== 'gate') {
          visited.add(next);
          flag(next, `Experts feed gates; connect ${KIND_NAMES[kind(next)]} after a gate instead.`);
        } else if (!gates.includes(next)) gates.push(next);
      }
      if (out.get(id)!.length === 0) {
        flag(id, 'No gate reads these experts: connect them to a gate.');
      }
    }
    for (const gateId of gates) {
      visited.add(gateId);
      const data = byId.get(gateId)!.data;
      if (data.kind !== 'gate') continue;
      const sources = into.get(gateId)!;
      const stray = sources.find((s) => kind(s) !== 'experts');
      if (stray) {
        flag(gateId, `A gate mixes expert groups; ${KIND_NAMES[kind(stray)]} cannot feed it.`);
        continue;
      }
      const next = out.get(gateId)!;
      if (next.length !== 1) {
        flag(
          gateId,
          next.length === 0
            ? 'Connect this gate to the head (or head layers) of its task.'
            : `A gate serves one task; this one feeds ${next.length} nodes.`,
        );
        continue;
      }
      const tower = towerTo(next[0]);
      if (!tower) continue;
      const head = byId.get(tower.head)!.data;
      if (head.kind !== 'head') continue;
      const groups = sources.map((s) => {
        const d = byId.get(s)!.data;
        return d.kind === 'experts' ? d.group : '';
      });
      nodeOf.set(nodeRef.gate(head.task), gateId);
      addHead(tower.head, tower.layers, { groups, temperature: data.temperature });
    }
  }

  // Of a piece cut off from the model, only its start is a problem; the rest waits behind it.
  const detached: string[] = [];
  for (const node of graph.nodes) {
    if (visited.has(node.id) || flagged.has(node.id)) continue;
    if (into.get(node.id)!.length === 0) {
      flag(node.id, 'Not connected: draw a connection into it from the input side.');
    } else detached.push(node.id);
  }
  return { spec, issues, nodeOf, detached };
}

function layerOf(node: GraphNode): LayerSpec {
  if (node.data.kind !== 'layer') throw new Error(`node ${node.id} is not a layer`);
  return structuredClone(node.data.layer);
}

/** Nodes that sit on a directed cycle (Tarjan's strongly connected components). */
function nodesOnCycles(
  nodes: readonly GraphNode[],
  out: ReadonlyMap<string, readonly string[]>,
): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result = new Set<string>();
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of out.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = (out.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) for (const c of component) result.add(c);
    }
  };
  for (const n of nodes) if (!index.has(n.id)) visit(n.id);
  return result;
}
