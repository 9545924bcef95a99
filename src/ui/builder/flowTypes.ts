import type { Edge, Node } from '@xyflow/react';
import type { GraphNodeData } from '../../core/graph/types';

/** What a drawn node needs: its data plus what compiling the graph found about it. */
export interface ModelNodeView extends Record<string, unknown> {
  data: GraphNodeData;
  title: string;
  detail: string;
  /** Output shape, e.g. "[64]"; absent when it cannot be inferred yet. */
  shape?: string;
  params?: number;
  issues: readonly string[];
  /** Cut off behind a problem further up. */
  detached: boolean;
  /** Task colour for heads and gates. */
  color?: string;
  explanation: string;
}

export type ModelFlowNode = Node<ModelNodeView, 'model'>;
export type ModelFlowEdge = Edge;

/** Mime type for dragging palette items onto the canvas. */
export const PALETTE_MIME = 'application/x-multitask-node';
