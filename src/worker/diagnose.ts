import {
  classificationDiagnostics,
  regressionDiagnostics,
  taggingDiagnostics,
  type Diagnostics,
  type TaskDiagnostics,
} from '../core/diagnostics';
import type { EncodedDataset } from '../core/datasets/encoded';
import type { TensorSplit } from '../engine/data';
import type { MultiTaskTrainer } from '../engine/trainer';

/**
 * Confusion matrices, per-class scores, regression pairs and the worst examples of every head on
 * the validation split, with the pixels or tokens of those examples (`rows` maps split rows to
 * dataset examples).
 */
export async function diagnose(
  trainer: MultiTaskTrainer,
  split: TensorSplit,
  dataset: EncodedDataset,
  rows: Int32Array,
): Promise<Diagnostics> {
  const predictions = await trainer.predictions(split);
  const input = dataset.info.input;
  const tasks: TaskDiagnostics[] = [];
  for (const head of trainer.spec.heads) {
    const out = predictions[head.task];
    const truth = split.labels[head.task];
    if (!out || !truth) continue;
    switch (head.kind) {
      case 'classification':
        tasks.push(classificationDiagnostics(head.task, truth, out, head.units));
        break;
      case 'sequenceLabeling':
        tasks.push(
          taggingDiagnostics(
            head.task,
            truth,
            out,
            input.kind === 'tokens' ? input.maxLength : 1,
            head.units,
          ),
        );
        break;
      case 'regression':
        tasks.push(regressionDiagnostics(head.task, 'regression', truth, out));
        break;
      case 'reconstruction':
        break;
      default: {
        const never: never = head.kind;
        throw new Error(`unknown head kind ${String(never)}`);
      }
    }
  }
  const examples: Diagnostics['examples'] = {};
  for (const t of tasks) {
    for (const w of t.worst) {
      const index = rows[w.row];
      if (input.kind === 'image') {
        const size = input.height * input.width * input.channels;
        examples[w.row] = {
          pixels: (dataset.x as Uint8Array).slice(index * size, (index + 1) * size),
        };
      } else {
        examples[w.row] = { tokens: dataset.text?.tokens[index] ?? [] };
      }
    }
  }
  return { tasks, examples };
}
