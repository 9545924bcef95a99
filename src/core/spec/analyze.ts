import type { TaskInfo } from '../tasks';
import { taskOutputUnits } from '../tasks';
import { describeShape, inferLayer, inputShape, shapeSize, type Shape } from './shapes';
import type { HeadSpec, LossType, ModelSpec, NodeRef } from './types';
import { analyzeExperts, analyzeGate, type Chain } from './mixture';
import { nodeRef } from './types';

export interface SpecIssue {
  node: NodeRef;
  message: string;
}

export interface SpecAnalysis {
  issues: SpecIssue[];
  /** Output shape of every node that could be inferred. */
  shapes: Record<NodeRef, Shape>;
  /** Trainable parameters per node. */
  params: Record<NodeRef, number>;
  totalParams: number;
}

/** Losses that make sense for each head kind. */
export const LOSSES_FOR_KIND: Record<HeadSpec['kind'], readonly LossType[]> = {
  classification: ['crossEntropy', 'focal', 'weightedFocal', 'dice'],
  sequenceLabeling: ['crossEntropy', 'focal', 'weightedFocal', 'dice'],
  regression: ['mse'],
  reconstruction: ['mse', 'binaryCrossEntropy'],
};

/**
 * Checks a spec and infers every shape and parameter count. Never throws on user mistakes:
 * each problem comes back as an issue naming the node it concerns, so an editor can mark it.
 * With `tasks`, heads are also checked against the dataset's tasks.
 */
export function analyzeSpec(spec: ModelSpec, tasks?: readonly TaskInfo[]): SpecAnalysis {
  const issues: SpecIssue[] = [];
  const shapes: Record<NodeRef, Shape> = {};
  const params: Record<NodeRef, number> = {};
  const vocab = spec.input.kind === 'tokens' ? spec.input.vocabSize : 0;
  const startShape = inputShape(spec.input);
  shapes[nodeRef.input] = startShape;
  if (startShape.some((d) => !Number.isInteger(d) || d < 1)) {
    issues.push({ node: nodeRef.input, message: 'Input sizes must be positive whole numbers.' });
    return { issues, shapes, params, totalParams: 0 };
  }

  /**
   * Runs a chain of layers; returns the final shape and whether it is still raw token ids.
   * `copies` parallel copies (experts) count their parameters that many times.
   */
  const chain: Chain = (layers, start, startOnTokens, ref, copies = 1) => {
    let shape = start;
    let onTokens = startOnTokens;
    for (let i = 0; i < layers.length; i++) {
      const result = inferLayer(layers[i], shape, onTokens, vocab);
      if (!result.ok) {
        issues.push({ node: ref(i), message: result.message });
        return null;
      }
      shape = result.shape;
      onTokens = false;
      shapes[ref(i)] = shape;
      params[ref(i)] = result.params * copies;
    }
    return { shape, onTokens };
  };

  const trunk = chain(spec.trunk, startShape, spec.input.kind === 'tokens', nodeRef.trunk);
  const experts = trunk && spec.experts.length > 0 ? analyzeExperts(spec, trunk, chain) : null;
  for (const [group, shape] of experts?.groupShapes ?? []) shapes[nodeRef.experts(group)] = shape;
  issues.push(...(experts?.issues ?? []));

  if (spec.heads.length === 0) {
    issues.push({ node: nodeRef.input, message: 'Add at least one task head.' });
  }
  const seen = new Set<string>();
  for (const head of spec.heads) {
    const ref = nodeRef.head(head.task);
    if (seen.has(head.task)) {
      issues.push({ node: ref, message: `Two heads predict the task "${head.task}".` });
      continue;
    }
    seen.add(head.task);
    const task = tasks?.find((t) => t.id === head.task);
    if (tasks && !task && head.kind !== 'reconstruction') {
      issues.push({ node: ref, message: `The dataset has no task "${head.task}".` });
    }
    if (task && task.kind !== head.kind) {
      issues.push({
        node: ref,
        message: `Task "${task.label}" is ${task.kind}, the head is ${head.kind}.`,
      });
    }
    if (task && task.kind === head.kind && head.kind !== 'reconstruction') {
      const want = taskOutputUnits(task);
      if (head.units !== want) {
        issues.push({
          node: ref,
          message: `Task "${task.label}" has ${want} classes; the head outputs ${head.units}.`,
        });
      }
    }
    if (!(head.weight >= 0) || !Number.isFinite(head.weight)) {
      issues.push({ node: ref, message: 'Loss weight must be a number ≥ 0.' });
    }
    if (!(head.temperature > 0) || !Number.isFinite(head.temperature)) {
      issues.push({ node: ref, message: 'Temperature must be above 0.' });
    }
    if (!LOSSES_FOR_KIND[head.kind].includes(head.loss.type)) {
      issues.push({
        node: ref,
        message: `Loss ${head.loss.type} does not fit a ${head.kind} head.`,
      });
    }
    if (head.loss.type === 'weightedFocal' && Array.isArray(head.loss.classWeights)) {
      if (head.loss.classWeights.length !== head.units) {
        issues.push({ node: ref, message: `Give one class weight per class (${head.units}).` });
      }
    }
    let below = trunk;
    if (spec.experts.length === 0) {
      if (head.gate) {
        issues.push({ node: nodeRef.gate(head.task), message: 'This gate has no experts to mix.' });
        continue;
      }
    } else {
      if (!experts?.ok || !trunk) continue;
      const mixed = analyzeGate(head, spec, trunk.shape, experts.groupShapes);
      if (typeof mixed === 'string') {
        issues.push({ node: head.gate ? nodeRef.gate(head.task) : ref, message: mixed });
        continue;
      }
      params[nodeRef.gate(head.task)] = mixed.params;
      shapes[nodeRef.gate(head.task)] = mixed.shape;
      below = { shape: mixed.shape, onTokens: false };
    }
    if (!below) continue;
    // Only the first layer of a head can still see raw tokens (when trunk and experts are empty).
    const tower = chain(head.layers, below.shape, below.onTokens, (i) =>
      nodeRef.headLayer(head.task, i),
    );
    if (!tower) continue;
    const out = headOutput(head, tower.shape, spec);
    if (typeof out === 'string') {
      issues.push({ node: ref, message: out });
      continue;
    }
    shapes[ref] = out.shape;
    params[ref] = out.params;
  }

  const totalParams = Object.values(params).reduce((a, b) => a + b, 0);
  return { issues, shapes, params, totalParams };
}

/** Output layer of a head, or why it cannot sit on `shape`. */
function headOutput(
  head: HeadSpec,
  shape: Shape,
  spec: ModelSpec,
): { shape: Shape; params: number } | string {
  const inDim = shape[shape.length - 1];
  if (head.kind !== 'reconstruction' && (!Number.isInteger(head.units) || head.units < 1)) {
    return 'A head needs at least one output unit.';
  }
  switch (head.kind) {
    case 'classification':
    case 'regression':
      if (shape.length !== 1) {
        return `This head needs a flat input; it gets ${describeShape(shape)}. Add Flatten or Global pooling.`;
      }
      return { shape: [head.units], params: inDim * head.units + head.units };
    case 'sequenceLabeling': {
      if (spec.input.kind !== 'tokens') return 'Sequence labeling needs a token input.';
      if (shape.length !== 2 || shape[0] !== spec.input.maxLength) {
        return `A tagger needs one vector per token [${spec.input.maxLength}×features]; it gets ${describeShape(shape)}.`;
      }
      return { shape: [shape[0], head.units], params: inDim * head.units + head.units };
    }
    case 'reconstruction': {
      if (spec.input.kind !== 'image') return 'Reconstruction is offered for image inputs.';
      if (shape.length !== 1)
        return `The decoder needs a flat input; it gets ${describeShape(shape)}.`;
      const target = inputShape(spec.input);
      const size = shapeSize(target);
      return { shape: target, params: inDim * size + size };
    }
    default: {
      const never: never = head.kind;
      throw new Error(`unknown head kind ${String(never)}`);
    }
  }
}
