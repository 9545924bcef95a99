import type { DatasetInfo } from './datasets/encoded';
import { buildPreset } from './spec/presets';
import type { ModelSpec } from './spec/types';
import type { Setup } from './urlState';

/** The model a setup describes: the preset for the dataset's tasks, with the setup's weights and temperatures. */
export function specForSetup(setup: Setup, dataset: DatasetInfo): ModelSpec {
  const spec = buildPreset(setup.preset, dataset.input, dataset.tasks);
  for (const head of spec.heads) {
    head.weight = setup.weights[head.task] ?? head.weight;
    head.temperature = setup.temperatures[head.task] ?? head.temperature;
  }
  return spec;
}

/** Settings that change the model or the run; weights and temperatures can change mid-run and are left out. */
export function structureKey(setup: Setup): string {
  return JSON.stringify([setup.dataset, setup.preset, setup.train, setup.backend]);
}
