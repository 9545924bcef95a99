import type { EncodedDataset } from '../core/datasets/encoded';
import { ensemblePackage, modelLabels } from '../core/export/tfjsPackage';
import { softmaxRows } from '../core/insight/temperature';
import type { EnsembleMember, EnsembleResult } from '../core/insight/types';
import { argMaxRows, hardVote, softVote } from '../core/insight/voting';
import { accuracy } from '../core/metrics';
import { outputLayerName } from '../engine/buildModel';
import type { TensorSplit } from '../engine/data';
import { modelOutputs } from '../engine/inspect';
import { exportableModel, loadSavedModel } from '../engine/saveModel';

/**
 * Every member's and the ensemble's metric on a validation split, per task the members share:
 * accuracy (token accuracy for tagging) for soft and hard voting, the mean's MSE for regression.
 */
export async function evaluateEnsemble(
  members: readonly EnsembleMember[],
  dataset: EncodedDataset,
  validation: TensorSplit,
): Promise<EnsembleResult> {
  if (members.length < 2) throw new Error('An ensemble needs at least two runs.');
  const tasks = dataset.info.tasks.filter(
    (t) =>
      t.kind !== 'reconstruction' &&
      members.every((m) => m.spec.heads.some((h) => h.task === t.id)),
  );
  if (tasks.length === 0) throw new Error('The selected runs share no task of this dataset.');
  /** outputs[task][member]: probabilities (classes, tags) or values. */
  const outputs = new Map<string, Float32Array[]>(tasks.map((t) => [t.id, []]));
  for (const member of members) {
    const model = await loadSavedModel(member.model);
    try {
      const heads = await modelOutputs(model, validation.x);
      for (const task of tasks) {
        const i = model.outputNames.indexOf(outputLayerName(task.id));
        const head = member.spec.heads.find((h) => h.task === task.id)!;
        if (i < 0) throw new Error(`${member.name} has no output for ${task.label}.`);
        const values = heads[i].values;
        outputs
          .get(task.id)!
          .push(
            task.kind === 'regression' ? values : softmaxRows(values, head.units, head.temperature),
          );
      }
    } finally {
      model.dispose();
    }
  }
  const scores = tasks.map((task) => {
    const truth = validation.labels[task.id];
    const per = outputs.get(task.id)!;
    if (task.kind === 'regression') {
      const mse = (p: ArrayLike<number>) => {
        let s = 0;
        for (let i = 0; i < truth.length; i++) s += (p[i] - truth[i]) ** 2;
        return s / truth.length;
      };
      return {
        task: task.id,
        kind: task.kind,
        members: per.map(mse),
        soft: mse(softVote(per)),
        hard: null,
      };
    }
    const classes = task.classes.length;
    const mask =
      task.kind === 'sequenceLabeling' ? Int8Array.from(truth, (v) => (v >= 0 ? 1 : 0)) : undefined;
    const score = (predicted: Int32Array) => accuracy(truth, predicted, mask);
    return {
      task: task.id,
      kind: task.kind,
      members: per.map((p) => score(argMaxRows(p, classes))),
      soft: score(argMaxRows(softVote(per), classes)),
      hard: score(hardVote(per, classes)),
    };
  });
  return { tasks: scores, rows: validation.count };
}

/** The ensemble as a ZIP of stock TF.js models (temperatures folded in) with ensemble.json. */
export async function packageEnsemble(
  members: readonly EnsembleMember[],
  dataset: EncodedDataset,
  voting: 'soft' | 'hard',
): Promise<Uint8Array> {
  const exported = [];
  for (const member of members) {
    const model = await loadSavedModel(member.model);
    try {
      exported.push({ name: member.name, model: await exportableModel(model, member.spec) });
    } finally {
      model.dispose();
    }
  }
  const labels = modelLabels(members[0].spec, dataset.info, dataset.text?.vocabulary ?? null);
  return ensemblePackage(exported, labels, voting);
}
