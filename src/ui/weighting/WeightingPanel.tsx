import { useId } from 'react';
import {
  STRATEGIES,
  WEIGHTING_LIMITS,
  strategyInfo,
  type StrategyId,
} from '../../core/weighting/strategies';
import { actions, useAppStore } from '../../store/appStore';
import { Slider } from '../common/Slider';

const LEVELS = [
  { level: 'loss', label: 'Loss-level (one backward pass)' },
  { level: 'gradient', label: 'Gradient-level (per-task gradients on the shared layers)' },
] as const;

/** Picks how the task losses are combined; applies at once, also while a run trains. */
export function WeightingPanel() {
  const weighting = useAppStore((s) => s.setup.weighting);
  const id = useId();
  const info = strategyInfo(weighting.strategy);
  return (
    <section className="panel weighting" aria-labelledby="weighting-heading">
      <h2 id="weighting-heading">Loss weighting</h2>
      <div className="field wide">
        <label htmlFor={id}>Strategy</label>
        <select
          id={id}
          value={weighting.strategy}
          onChange={(e) => actions.setWeighting({ strategy: e.target.value as StrategyId })}
        >
          {LEVELS.map(({ level, label }) => (
            <optgroup key={level} label={label}>
              {STRATEGIES.filter((s) => s.level === level).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <p className="strategy-explanation" data-testid="strategy-explanation">
        {info.explanation}
      </p>
      {info.paper && (
        <p className="hint strategy-paper">
          <a href={info.paper.url} target="_blank" rel="noopener noreferrer">
            {info.paper.citation}
          </a>
        </p>
      )}
      {weighting.strategy === 'gradnorm' && (
        <Slider
          label="GradNorm α (how hard lagging tasks are favoured)"
          value={weighting.gradNormAlpha}
          min={WEIGHTING_LIMITS.gradNormAlpha.min}
          max={WEIGHTING_LIMITS.gradNormAlpha.max}
          step={0.05}
          onChange={(gradNormAlpha) => actions.setWeighting({ gradNormAlpha })}
        />
      )}
      {weighting.strategy === 'cagrad' && (
        <Slider
          label="CAGrad c (radius around the average gradient)"
          value={weighting.cagradC}
          min={WEIGHTING_LIMITS.cagradC.min}
          max={2}
          step={0.05}
          onChange={(cagradC) => actions.setWeighting({ cagradC })}
        />
      )}
      <p className="hint">
        Applies from the next step, also while training runs: the effective weights chart shows what
        each strategy does.
        {info.level === 'gradient' &&
          ' Task-specific layers (gates, towers, outputs) follow their own loss; the strategy decides what reaches the shared ones.'}
      </p>
    </section>
  );
}
