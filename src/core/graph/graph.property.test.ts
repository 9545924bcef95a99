import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MNIST_INPUT, MNIST_TASKS } from '../datasets/catalog';
import { compileGraph } from './compile';
import { addNode, connect } from './edit';
import { graphToSpec } from './graphToSpec';
import { PALETTE, paletteNode } from './palette';
import { specToGraph } from './specToGraph';
import { INPUT_NODE_ID, type ModelGraph } from './types';

/** A random drawing: palette items dropped anywhere, connected at random (loops included). */
const randomGraph = fc
  .record({
    items: fc.array(fc.constantFrom(...PALETTE.map((p) => p.id)), { maxLength: 14 }),
    links: fc.array(fc.tuple(fc.nat(14), fc.nat(14)), { maxLength: 30 }),
  })
  .map(({ items, links }) => {
    let graph: ModelGraph = {
      input: MNIST_INPUT,
      nodes: [{ id: INPUT_NODE_ID, position: { x: 0, y: 0 }, data: { kind: 'input' } }],
      edges: [],
    };
    for (const item of items) {
      graph = addNode(graph, paletteNode(item, graph, MNIST_TASKS), { x: 0, y: 0 });
    }
    for (const [a, b] of links) {
      const source = graph.nodes[a % graph.nodes.length].id;
      const target = graph.nodes[b % graph.nodes.length].id;
      graph = connect(graph, source, target);
    }
    return graph;
  });

describe('any drawing', () => {
  it('compiles without throwing; every issue names a node; a valid one round-trips', () => {
    fc.assert(
      fc.property(randomGraph, (graph) => {
        const compiled = compileGraph(graph, MNIST_TASKS);
        const ids = new Set(graph.nodes.map((n) => n.id));
        for (const issue of compiled.issues) {
          expect(ids.has(issue.node)).toBe(true);
          expect(issue.message.length).toBeGreaterThan(10);
        }
        expect(compiled.spec === null).toBe(compiled.issues.length > 0);
        if (compiled.spec) {
          // Valid means every node is part of the model.
          const redrawn = specToGraph(compiled.spec);
          expect(redrawn.nodes.length).toBe(graph.nodes.length);
          expect(graphToSpec(redrawn).spec).toEqual(compiled.spec);
        }
        // A faded node always sits behind a node that says what is wrong.
        if (compiled.detached.length > 0) expect(compiled.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
