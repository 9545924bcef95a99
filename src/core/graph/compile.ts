import { analyzeSpec } from '../spec/analyze';
import type { Shape } from '../spec/shapes';
import type { ModelSpec } from '../spec/types';
import type { TaskInfo } from '../tasks';
import { graphToSpec } from './graphToSpec';
import type { GraphIssue, ModelGraph } from './types';

export interface CompiledGraph {
  /** The model when the graph has no issue at all; null otherwise. */
  spec: ModelSpec | null;
  /** Every problem, structural or of shapes and tasks, on the node it concerns. */
  issues: GraphIssue[];
  /** Output shape of each node that could be inferred (edges show their source's). */
  shapes: Record<string, Shape>;
  /** Trainable parameters per node (an expert group counts all its copies). */
  params: Record<string, number>;
  totalParams: number;
  /** Nodes cut off behind a problem further up; drawn faded, without an issue of their own. */
  detached: string[];
}

/**
 * Reads the graph, infers shapes and checks it against the dataset's tasks: what the editor shows
 * on nodes and edges, and whether Train can run.
 */
export function compileGraph(graph: ModelGraph, tasks: readonly TaskInfo[]): CompiledGraph {
  const reading = graphToSpec(graph);
  const issues = [...reading.issues];
  const shapes: Record<string, Shape> = {};
  const params: Record<string, number> = {};
  const analysis = analyzeSpec(reading.spec, tasks);
  const nodeFor = (ref: string) => {
    // An expert group's inner layers ('experts.g.0') are drawn as one node.
    const exact = reading.nodeOf.get(ref);
    if (exact) return exact;
    const group = /^experts\.([^.]+)\.\d+$/.exec(ref);
    return group ? reading.nodeOf.get(`experts.${group[1]}`) : undefined;
  };
  for (const issue of analysis.issues) {
    const node = nodeFor(issue.node) ?? reading.nodeOf.get('input') ?? 'input';
    // Analysis of a partial spec repeats what the structure already says (e.g. no heads yet).
    if (issue.message === 'Add at least one task head.' && reading.issues.length > 0) continue;
    issues.push({ node, message: issue.message });
  }
  for (const [ref, shape] of Object.entries(analysis.shapes)) {
    const node = nodeFor(ref);
    // A node's shape is its output: the last inner layer of an expert group, the gate's mix.
    if (node && (reading.nodeOf.get(ref) === node || !(node in shapes))) shapes[node] = shape;
  }
  for (const [ref, count] of Object.entries(analysis.params)) {
    const node = nodeFor(ref);
    if (node) params[node] = (params[node] ?? 0) + count;
  }
  return {
    spec: issues.length === 0 ? reading.spec : null,
    issues,
    shapes,
    params,
    totalParams: analysis.totalParams,
    detached: reading.detached,
  };
}
