import type { DatasetInfo } from './datasets/encoded';
import { buildPreset } from './spec/presets';
import type { InputSpec, ModelSpec } from './spec/types';
import type { Setup } from './urlState';

/** A copy of `spec` with the setup's loss weights and temperatures on its heads and gates. */
export function withSettings(
  spec: ModelSpec,
  setup: Pick<Setup, 'weights' | 'temperatures' | 'gateTemperatures'>,
): ModelSpec {
  const copy = structuredClone(spec);
  for (const head of copy.heads) {
    head.weight = setup.weights[head.task] ?? head.weight;
    head.temperature = setup.temperatures[head.task] ?? head.temperature;
    if (head.gate)
      head.gate.temperature = setup.gateTemperatures[head.task] ?? head.gate.temperature;
  }
  return copy;
}

/** The loss weights and temperatures a spec's heads and gates carry, as a setup stores them. */
export function settingsOf(
  spec: ModelSpec,
): Pick<Setup, 'weights' | 'temperatures' | 'gateTemperatures'> {
  return {
    weights: Object.fromEntries(spec.heads.map((h) => [h.task, h.weight])),
    temperatures: Object.fromEntries(spec.heads.map((h) => [h.task, h.temperature])),
    gateTemperatures: Object.fromEntries(
      spec.heads.flatMap((h) => (h.gate ? [[h.task, h.gate.temperature]] : [])),
    ),
  };
}

export const sameInput = (a: InputSpec, b: InputSpec) => JSON.stringify(a) === JSON.stringify(b);

/** The model a setup describes for a dataset: its drawn model, or else its preset's. */
export function specForSetup(
  setup: Setup,
  dataset: Pick<DatasetInfo, 'input' | 'tasks'>,
): ModelSpec {
  const base =
    setup.model && sameInput(setup.model.input, dataset.input)
      ? setup.model
      : buildPreset(setup.preset, dataset.input, dataset.tasks);
  return withSettings(base, setup);
}

/** The parts of a spec that need a new model; weights and temperatures change live instead. */
export function modelStructure(spec: ModelSpec): unknown {
  return {
    ...spec,
    heads: spec.heads.map(({ weight: _w, temperature: _t, gate, ...rest }) => ({
      ...rest,
      gate: gate?.groups,
    })),
  };
}

/** The drawn model, or null when it has the structure of the setup's preset (the link stays short). */
export function customModel(
  spec: ModelSpec,
  preset: Setup['preset'],
  dataset: Pick<DatasetInfo, 'input' | 'tasks'>,
): ModelSpec | null {
  const fromPreset = buildPreset(preset, dataset.input, dataset.tasks);
  return JSON.stringify(modelStructure(spec)) === JSON.stringify(modelStructure(fromPreset))
    ? null
    : spec;
}

/** Everything that fixes a run before it starts: a different key means a new model and run. */
export function structureKey(setup: Setup, spec: ModelSpec): string {
  return JSON.stringify([setup.dataset, modelStructure(spec), setup.train, setup.backend]);
}
