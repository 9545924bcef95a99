import type { InputSpec, LayerSpec, LossSpec } from '../spec/types';
import type { TaskKind } from '../tasks';

/** What a node of the builder stands for; `kind` tells the node types apart. */
export type GraphNodeData =
  | { kind: 'input' }
  | { kind: 'layer'; layer: LayerSpec }
  /** `count` parallel copies of the `layers` network; `group` names it for the gates. */
  | { kind: 'experts'; group: string; count: number; layers: LayerSpec[] }
  /** The softmax gate of the head it feeds (Ma et al., KDD 2018). */
  | { kind: 'gate'; temperature: number }
  | {
      kind: 'head';
      task: string;
      taskKind: TaskKind;
      units: number;
      loss: LossSpec;
      weight: number;
      temperature: number;
    };

export type GraphNodeKind = GraphNodeData['kind'];

export interface Position {
  x: number;
  y: number;
}

export interface GraphNode {
  id: string;
  position: Position;
  data: GraphNodeData;
}

/** Data flows from `source`'s output to `target`'s input. */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
}

/** The builder's document: a model spec drawn as nodes and edges, with positions. */
export interface ModelGraph {
  /** The dataset's input; the input node shows it. */
  input: InputSpec;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** A problem the editor marks on a node, in a plain sentence. */
export interface GraphIssue {
  node: string;
  message: string;
}

export const INPUT_NODE_ID = 'input';
export const edgeId = (source: string, target: string) => `${source}->${target}`;
