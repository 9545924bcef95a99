import { describeShape, type Shape } from './shapes';
import type { ExpertGroupSpec, HeadSpec, LayerSpec, ModelSpec, NodeRef } from './types';
import { nodeRef } from './types';
import type { SpecIssue } from './analyze';

/** Shape inference over a chain of layers, recording each layer's shape and parameters. */
export type Chain = (
  layers: readonly LayerSpec[],
  start: Shape,
  startOnTokens: boolean,
  ref: (i: number) => NodeRef,
  copies?: number,
) => { shape: Shape; onTokens: boolean } | null;

interface TrunkOutput {
  shape: Shape;
  onTokens: boolean;
}

export interface ExpertsAnalysis {
  /** False when a gate cannot be analysed (the trunk or an expert group is broken). */
  ok: boolean;
  issues: SpecIssue[];
  /** Output shape of one expert of each group that could be inferred. */
  groupShapes: Map<string, Shape>;
}

const GROUP_ID = /^[a-z][a-z0-9_]{0,39}$/;

/** Checks the expert groups on top of the trunk and infers one expert's output per group. */
export function analyzeExperts(spec: ModelSpec, trunk: TrunkOutput, chain: Chain): ExpertsAnalysis {
  const issues: SpecIssue[] = [];
  const groupShapes = new Map<string, Shape>();
  let ok = true;
  const form = trunk.shape.length === 1 ? 'a vector' : 'one vector per token';
  for (const group of spec.experts) {
    const ref = nodeRef.experts(group.id);
    if (!GROUP_ID.test(group.id)) {
      issues.push({ node: ref, message: 'Expert group names are lower-case letters, digits, _.' });
    }
    if (groupShapes.has(group.id)) {
      issues.push({ node: ref, message: `Two expert groups are named "${group.id}".` });
      ok = false;
      continue;
    }
    if (!Number.isInteger(group.count) || group.count < 1) {
      issues.push({ node: ref, message: 'An expert group needs at least 1 expert.' });
    }
    if (trunk.shape.length > 2 || trunk.onTokens) {
      issues.push({
        node: ref,
        message: `Experts need a vector or a sequence of vectors; the shared layers give ${trunk.onTokens ? 'token ids' : describeShape(trunk.shape)}. Add Flatten, Embedding or Global pooling before them.`,
      });
      ok = false;
      continue;
    }
    const out = chain(
      group.layers,
      trunk.shape,
      false,
      (i) => nodeRef.expertLayer(group.id, i),
      Math.max(group.count, 1),
    );
    if (!out) {
      ok = false;
      continue;
    }
    if (out.shape.length !== trunk.shape.length) {
      issues.push({
        node: ref,
        message: `Experts must keep the shared layers' form (${form}) to be mixed; they give ${describeShape(out.shape)}.`,
      });
      ok = false;
      continue;
    }
    groupShapes.set(group.id, out.shape);
    if (!spec.heads.some((h) => h.gate?.groups.includes(group.id))) {
      issues.push({ node: ref, message: 'No gate reads these experts: connect them to a gate.' });
    }
  }
  return { ok, issues, groupShapes };
}

/** A gate's mixed output and parameters (a dense layer over the trunk, one logit per expert), or why it fails. */
export function analyzeGate(
  head: HeadSpec,
  spec: ModelSpec,
  trunkShape: Shape,
  groupShapes: ReadonlyMap<string, Shape>,
): { shape: Shape; params: number } | string {
  const gate = head.gate;
  if (!gate) return 'With experts in the model, every head reads them through its own gate.';
  if (gate.groups.length === 0) return 'Connect at least one expert group to this gate.';
  if (!(gate.temperature > 0) || !Number.isFinite(gate.temperature)) {
    return 'Gate temperature must be above 0.';
  }
  let shape: Shape | null = null;
  let experts = 0;
  for (const id of gate.groups) {
    const group = spec.experts.find((g) => g.id === id);
    const groupShape = groupShapes.get(id);
    if (!group || !groupShape) return `There is no expert group "${id}".`;
    if (shape && describeShape(shape) !== describeShape(groupShape)) {
      return `The experts this gate mixes must give one shape; they give ${describeShape(shape)} and ${describeShape(groupShape)}.`;
    }
    shape = groupShape;
    experts += group.count;
  }
  if (experts < 2) return 'A gate needs at least 2 experts to choose between.';
  // The gate reads the trunk's vector; for sequences, its mean over tokens.
  const inDim = trunkShape[trunkShape.length - 1];
  return { shape: shape!, params: inDim * experts + experts };
}

/** Expert groups more than one gate reads (shared, MMoE); a group one gate reads is its task's own (CGC). */
export function sharedExpertGroups(spec: ModelSpec): ExpertGroupSpec[] {
  return spec.experts.filter(
    (g) => spec.heads.filter((h) => h.gate?.groups.includes(g.id)).length > 1,
  );
}

/** Whether the heads share any layer: a trunk, or an expert group more than one gate reads. */
export function hasSharedLayers(spec: ModelSpec): boolean {
  return spec.trunk.length > 0 || sharedExpertGroups(spec).length > 0;
}
