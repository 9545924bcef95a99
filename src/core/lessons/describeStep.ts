import { BUILTINS, isBuiltinId } from '../datasets/catalog';
import { PRESETS } from '../spec/presets';
import { parseSetup } from '../urlState';
import { strategyLabel } from '../weighting/strategies';

/** A step's settings in a line: "Fashion-MNIST · Hard parameter sharing · GradNorm · 2 epochs". */
export function describeStepSetup(setup: string): string {
  const s = parseSetup(setup).setup;
  const dataset = isBuiltinId(s.dataset) ? BUILTINS[s.dataset].name : s.dataset;
  const model = s.model
    ? 'a model drawn in the builder'
    : (PRESETS.find((p) => p.id === s.preset)?.label ?? s.preset);
  const weights = Object.entries(s.weights).filter(([, w]) => w !== 1);
  return [
    dataset,
    model,
    strategyLabel(s.weighting.strategy),
    ...(s.weighting.strategy === 'static' && weights.length > 0
      ? [weights.map(([t, w]) => `w.${t} = ${w}`).join(', ')]
      : []),
    `${s.train.epochs} epoch${s.train.epochs === 1 ? '' : 's'}`,
    `seed ${s.train.seed}`,
  ].join(' · ');
}
