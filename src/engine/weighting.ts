import { createRng, deriveSeed, type Rng } from '../core/random';
import {
  cagradCoefficients,
  mgdaCoefficients,
  nashCoefficients,
  pcgradCoefficients,
  type Gram,
} from '../core/weighting/gradient';
import { dwaWeights, gradNormStep, randomWeights } from '../core/weighting/lossWeights';
import { DWA_TEMPERATURE, GRADNORM_RATE, type WeightingConfig } from '../core/weighting/strategies';

/**
 * How one step combines the task losses. `weights`: L = Σ wᵢLᵢ. `geometric`: L = (Π Lᵢ)^{1/K}.
 * `uncertainty`: L = Σ Lᵢ/(2e^{sᵢ}) + sᵢ/2 with learned sᵢ. `gradient`: each head trains on
 * its own loss times `headWeights`, and the shared layers receive Σ cᵢgᵢ, cᵢ from `combine`.
 */
export type StepPlan =
  | { kind: 'weights'; weights: number[] }
  | { kind: 'geometric' }
  | { kind: 'uncertainty' }
  | { kind: 'gradient'; headWeights: number[]; needsLosses: boolean };

/**
 * The state a weighting strategy keeps between steps (DWA's epoch losses, GradNorm's weights,
 * the random generators), and the plan of each step. Plain numbers only; the trainer owns the
 * tensors.
 */
export class WeightingState {
  private config: WeightingConfig;
  private readonly rlwRng: Rng;
  private readonly pcgradRng: Rng;
  private readonly epochLosses: number[][] = [];
  private gradNormWeights: number[];
  private initialLosses: number[] | null = null;

  constructor(
    config: WeightingConfig,
    private readonly k: number,
    seed: number,
    /** The user's static weights, read at every step (they may change mid-run). */
    private readonly staticWeights: () => number[],
  ) {
    this.config = { ...config };
    this.rlwRng = createRng(deriveSeed(seed, 'rlw'));
    this.pcgradRng = createRng(deriveSeed(seed, 'pcgrad'));
    this.gradNormWeights = new Array<number>(k).fill(1);
  }

  /** Takes effect from the next step; learned state (GradNorm's weights, sᵢ) carries over. */
  set(config: WeightingConfig): void {
    this.config = { ...config };
  }

  get current(): WeightingConfig {
    return { ...this.config };
  }

  plan(): StepPlan {
    const k = this.k;
    switch (this.config.strategy) {
      case 'static':
        return { kind: 'weights', weights: this.staticWeights() };
      case 'equal':
        return { kind: 'weights', weights: new Array<number>(k).fill(1) };
      case 'dwa':
        return { kind: 'weights', weights: dwaWeights(this.epochLosses, DWA_TEMPERATURE, k) };
      case 'rlw':
        return { kind: 'weights', weights: randomWeights(k, this.rlwRng) };
      case 'gls':
        return { kind: 'geometric' };
      case 'uncertainty':
        return { kind: 'uncertainty' };
      case 'gradnorm':
        return { kind: 'gradient', headWeights: [...this.gradNormWeights], needsLosses: true };
      case 'pcgrad':
      case 'mgda':
      case 'cagrad':
      case 'nash':
        return { kind: 'gradient', headWeights: new Array<number>(k).fill(1), needsLosses: false };
      default: {
        const never: never = this.config.strategy;
        throw new Error(`unknown strategy ${String(never)}`);
      }
    }
  }

  /**
   * Coefficients on the tasks' gradients dYᵢ on the shared representation (each already scaled
   * by its head weight), from their Gram matrix; `losses` only for GradNorm.
   */
  combine(gram: Gram, headWeights: readonly number[], losses: readonly number[] | null): number[] {
    const k = this.k;
    switch (this.config.strategy) {
      case 'gradnorm': {
        // dYᵢ = wᵢ·gᵢ: the shared layers get Σ wᵢgᵢ; the weights then move for the next step.
        if (losses) {
          this.initialLosses ??= [...losses];
          this.gradNormWeights = gradNormStep({
            weights: headWeights,
            gradNorms: gram.map((row, i) => Math.sqrt(Math.max(row[i], 0)) / headWeights[i]),
            losses,
            initialLosses: this.initialLosses,
            alpha: this.config.gradNormAlpha,
            rate: GRADNORM_RATE,
          });
        }
        return new Array<number>(k).fill(1);
      }
      case 'pcgrad':
        return pcgradCoefficients(gram, this.pcgradRng);
      case 'mgda':
        return mgdaCoefficients(gram);
      case 'cagrad':
        return cagradCoefficients(gram, this.config.cagradC);
      case 'nash':
        return nashCoefficients(gram);
      default:
        return new Array<number>(k).fill(1);
    }
  }

  /** Mean training loss of each task over the epoch just finished (DWA reads the last two). */
  endEpoch(meanLosses: readonly number[]): void {
    this.epochLosses.push([...meanLosses]);
    if (this.epochLosses.length > 2) this.epochLosses.shift();
  }
}
