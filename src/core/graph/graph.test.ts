import { describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../datasets/catalog';
import { buildPreset, PRESETS, presetUnavailable } from '../spec/presets';
import type { InputSpec } from '../spec/types';
import type { TaskInfo } from '../tasks';
import { compileGraph } from './compile';
import {
  addNode,
  connect,
  connectionProblem,
  duplicateNodes,
  emptyGraph,
  removeNodes,
} from './edit';
import { graphToSpec } from './graphToSpec';
import { record, redo, startHistory, undo } from './history';
import { specToGraph } from './specToGraph';
import type { GraphNodeData, ModelGraph } from './types';

const TEXT_INPUT: InputSpec = { kind: 'tokens', vocabSize: 500, maxLength: 24 };
const TEXT_TASKS: TaskInfo[] = [
  {
    id: 'genre',
    label: 'Genre',
    kind: 'classification',
    classes: ['news', 'fiction', 'science'],
    description: '',
  },
  {
    id: 'upos',
    label: 'Part of speech',
    kind: 'sequenceLabeling',
    classes: ['NOUN', 'VERB', 'DET', 'ADJ'],
    description: '',
  },
];
const DATASETS = [
  { name: 'images', input: MNIST_INPUT, tasks: MNIST_TASKS },
  { name: 'text', input: TEXT_INPUT, tasks: TEXT_TASKS },
  { name: 'one task', input: MNIST_INPUT, tasks: MNIST_TASKS.slice(0, 1) },
];

const issuesOf = (graph: ModelGraph, tasks: readonly TaskInfo[]) =>
  compileGraph(graph, tasks).issues.map((i) => `${i.node}: ${i.message}`);

describe('graph ⇄ spec', () => {
  for (const { name, input, tasks } of DATASETS) {
    for (const { id } of PRESETS) {
      if (presetUnavailable(id, input)) continue;
      it(`${id} on ${name}: spec → graph → spec is exact, and the graph compiles clean`, () => {
        const spec = buildPreset(id, input, tasks);
        const graph = specToGraph(spec);
        expect(graphToSpec(graph).spec).toEqual(spec);
        const compiled = compileGraph(graph, tasks);
        expect(compiled.issues).toEqual([]);
        expect(compiled.spec).toEqual(spec);
        // graph → spec → graph gives the same nodes, edges and positions.
        expect(specToGraph(compiled.spec!)).toEqual(graph);
      });
    }
  }

  it('puts shapes on nodes and counts parameters per node (hard sharing on MNIST)', () => {
    const compiled = compileGraph(
      specToGraph(buildPreset('hps', MNIST_INPUT, MNIST_TASKS)),
      MNIST_TASKS,
    );
    expect(compiled.shapes['input']).toEqual([28, 28, 1]);
    expect(compiled.shapes['trunk-0']).toEqual([784]);
    expect(compiled.shapes['trunk-2']).toEqual([64]);
    expect(compiled.shapes['head-digit']).toEqual([10]);
    expect(compiled.params['trunk-1']).toBe(784 * 128 + 128);
    expect(compiled.params['head-parity']).toBe(64 * 2 + 2);
    expect(compiled.totalParams).toBe(
      784 * 128 + 128 + 128 * 64 + 64 + (64 * 10 + 10) + 2 * (64 * 2 + 2),
    );
  });

  it('an expert group shows its output shape and the parameters of all its copies', () => {
    const compiled = compileGraph(
      specToGraph(buildPreset('mmoe', MNIST_INPUT, MNIST_TASKS)),
      MNIST_TASKS,
    );
    expect(compiled.shapes['experts-shared']).toEqual([64]);
    expect(compiled.params['experts-shared']).toBe(4 * (784 * 64 + 64));
    expect(compiled.shapes['gate-digit']).toEqual([64]);
    expect(compiled.params['gate-digit']).toBe(784 * 4 + 4);
  });
});

describe('graph validation names the node and the problem', () => {
  const hps = () => specToGraph(buildPreset('hps', MNIST_INPUT, MNIST_TASKS));

  it('a dangling head', () => {
    const graph = removeNodes(hps(), []);
    const loose = { ...graph, edges: graph.edges.filter((e) => e.target !== 'head-parity') };
    expect(issuesOf(loose, MNIST_TASKS)).toEqual([
      'head-parity: Not connected: draw a connection into it from the input side.',
    ]);
    expect(compileGraph(loose, MNIST_TASKS).spec).toBeNull();
  });

  it('a layer whose output goes nowhere', () => {
    const graph = hps();
    const dense: GraphNodeData = {
      kind: 'layer',
      layer: { type: 'dense', units: 8, activation: 'relu' },
    };
    const added = addNode(graph, dense, { x: 0, y: 0 });
    const id = added.nodes.at(-1)!.id;
    expect(issuesOf(connect(added, 'trunk-2', id), MNIST_TASKS)).toEqual([
      `${id}: Its output goes nowhere: connect it to the next layer or a head.`,
    ]);
  });

  it('incompatible shapes', () => {
    const graph = hps();
    const last = graph.nodes.find((n) => n.id === 'trunk-2')!;
    last.data = { kind: 'layer', layer: { type: 'maxPool2d', poolSize: 2, strides: 2 } };
    expect(issuesOf(graph, MNIST_TASKS)).toEqual([
      'trunk-2: MaxPool2D needs an image-shaped input, got [128].',
    ]);
  });

  it('a head whose class count does not match its task', () => {
    const graph = hps();
    const head = graph.nodes.find((n) => n.id === 'head-digit')!;
    if (head.data.kind === 'head') head.data.units = 7;
    expect(issuesOf(graph, MNIST_TASKS)).toEqual([
      'head-digit: Task "Digit" has 10 classes; the head outputs 7.',
    ]);
  });

  it('a cycle', () => {
    const graph = hps();
    const looped = {
      ...graph,
      edges: [...graph.edges, { id: 'back', source: 'trunk-2', target: 'trunk-1' }],
    };
    // trunk-1 now has two inputs: connect() would replace one, so the loop is drawn by hand here.
    const issues = issuesOf(looped, MNIST_TASKS);
    expect(issues).toContain(
      'trunk-1: This connection makes a loop: data must flow one way, from the input to the heads.',
    );
    expect(issues).toContain(
      'trunk-2: This connection makes a loop: data must flow one way, from the input to the heads.',
    );
    expect(compileGraph(looped, MNIST_TASKS).spec).toBeNull();
  });

  it('two heads for one task, a layer feeding a gate, a gate feeding two heads', () => {
    const graph = specToGraph(buildPreset('mmoe', MNIST_INPUT, MNIST_TASKS));
    const twin = graph.nodes.find((n) => n.id === 'head-high')!;
    if (twin.data.kind === 'head') twin.data = { ...twin.data, task: 'parity', units: 2 };
    expect(issuesOf(graph, MNIST_TASKS)).toEqual([
      'head-high: Another head already predicts "parity"; pick a different task.',
    ]);
    const forked = connect(graph, 'gate-digit', 'head-high');
    expect(issuesOf(forked, MNIST_TASKS)).toContain(
      'gate-digit: A gate serves one task; this one feeds 2 nodes.',
    );
  });

  it('heads next to experts must read them through a gate', () => {
    const graph = specToGraph(buildPreset('mmoe', MNIST_INPUT, MNIST_TASKS));
    const direct = connect(graph, 'trunk-0', 'head-high');
    expect(issuesOf(direct, MNIST_TASKS)).toEqual([
      'head-high: The shared layers feed experts, so every head must read them through a gate.',
      'head-high-0: Its output goes nowhere: connect it to the next layer or a head.',
    ]);
  });
});

describe('graph edits', () => {
  const graph = specToGraph(buildPreset('cgc', MNIST_INPUT, MNIST_TASKS));

  it('connecting into a layer replaces its input; a gate collects several', () => {
    const moved = connect(graph, 'input', 'trunk-0');
    expect(moved.edges.filter((e) => e.target === 'trunk-0').map((e) => e.source)).toEqual([
      'input',
    ]);
    const more = connect(graph, 'experts-parity_own', 'gate-digit');
    expect(more.edges.filter((e) => e.target === 'gate-digit').map((e) => e.source)).toEqual([
      'experts-shared',
      'experts-digit_own',
      'experts-parity_own',
    ]);
  });

  it('refuses connections that cannot be', () => {
    expect(connectionProblem(graph, 'head-digit', 'trunk-0')).toMatch(/head is an output/);
    expect(connectionProblem(graph, 'trunk-0', 'input')).toMatch(/comes from the dataset/);
    expect(connectionProblem(graph, 'trunk-0', 'trunk-0')).toMatch(/cannot feed itself/);
    expect(connect(graph, 'head-digit', 'trunk-0')).toBe(graph);
  });

  it('keeps the input, duplicates without connections, names expert groups uniquely', () => {
    expect(removeNodes(graph, ['input'])).toBe(graph);
    const copy = duplicateNodes(graph, ['experts-shared']);
    const added = copy.nodes.at(-1)!;
    expect(added.data).toMatchObject({ kind: 'experts', group: 'shared_2', count: 2 });
    expect(copy.edges).toEqual(graph.edges);
    const empty = emptyGraph(graph);
    expect(empty.nodes.map((n) => n.id)).toEqual(['input']);
    expect(issuesOf(empty, MNIST_TASKS)).toEqual(['input: Add at least one task head.']);
  });

  it('undo and redo walk the history; a new edit clears redo', () => {
    let h = startHistory(graph);
    const a = removeNodes(graph, ['head-high']);
    h = record(h, a);
    const b = removeNodes(a, ['head-parity']);
    h = record(h, b);
    h = undo(h);
    expect(h.present).toBe(a);
    h = undo(h);
    expect(h.present).toBe(graph);
    expect(undo(h)).toEqual(h);
    h = redo(h);
    expect(h.present).toBe(a);
    h = record(h, emptyGraph(a));
    expect(h.future).toEqual([]);
    expect(redo(h)).toEqual(h);
  });
});
