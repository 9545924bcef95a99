/** The loss-weighting strategies a run can use, with what the UI says about each. */

export type StrategyId =
  | 'static'
  | 'equal'
  | 'uncertainty'
  | 'dwa'
  | 'rlw'
  | 'gls'
  | 'gradnorm'
  | 'pcgrad'
  | 'mgda'
  | 'cagrad'
  | 'nash';

/**
 * Loss-level strategies change the weights wᵢ of L = Σ wᵢ·Lᵢ (one backward pass). Gradient-level
 * ones look at each task's gradient on the shared representation and combine those gradients.
 */
export type StrategyLevel = 'loss' | 'gradient';

export interface StrategyInfo {
  id: StrategyId;
  label: string;
  level: StrategyLevel;
  /** One paragraph, for the settings panel. */
  explanation: string;
  paper?: { citation: string; url: string };
}

export const STRATEGIES: readonly StrategyInfo[] = [
  {
    id: 'static',
    label: 'Static (your weights)',
    level: 'loss',
    explanation:
      'The total loss is Σ wᵢ·Lᵢ with the weights you set per task; they stay where you put them. A weight of 0 switches a task off.',
  },
  {
    id: 'equal',
    label: 'Equal',
    level: 'loss',
    explanation:
      'Every task gets weight 1: L = Σ Lᵢ. The usual baseline. A task whose loss is on a larger scale then dominates the shared layers.',
  },
  {
    id: 'uncertainty',
    label: 'Uncertainty weighting',
    level: 'loss',
    explanation:
      'Each task learns a log-variance sᵢ together with the network: L = Σ Lᵢ/(2·e^{sᵢ}) + sᵢ/2. A task with a large or noisy loss raises its sᵢ and so lowers its own weight 1/(2·e^{sᵢ}); the sᵢ/2 term stops every weight from going to zero.',
    paper: {
      citation:
        'Kendall, Gal & Cipolla 2018, Multi-Task Learning Using Uncertainty to Weigh Losses for Scene Geometry and Semantics',
      url: 'https://arxiv.org/abs/1705.07115',
    },
  },
  {
    id: 'dwa',
    label: 'Dynamic Weight Average',
    level: 'loss',
    explanation:
      'Tasks whose loss fell least over the last epoch get more weight: wᵢ = K·softmax(rᵢ/τ) with rᵢ = Lᵢ(t−1)/Lᵢ(t−2), the ratio of the last two epochs’ mean training losses, and τ = 2. The first two epochs use weight 1.',
    paper: {
      citation: 'Liu, Johns & Davison 2019, End-to-End Multi-Task Learning with Attention',
      url: 'https://arxiv.org/abs/1803.10704',
    },
  },
  {
    id: 'rlw',
    label: 'Random weights',
    level: 'loss',
    explanation:
      'Every step draws fresh weights: wᵢ = K·softmax(z)ᵢ with z from a standard normal distribution (scaled by K so they average 1, like Equal). Surprisingly hard to beat, and a check on whether a clever strategy beats chance.',
    paper: {
      citation:
        'Lin, Ye, Xu, Shi & Zhang 2022, Reasonable Effectiveness of Random Weighting: A Litmus Test for Multi-Task Learning',
      url: 'https://arxiv.org/abs/2111.10603',
    },
  },
  {
    id: 'gls',
    label: 'Geometric loss',
    level: 'loss',
    explanation:
      'Minimises the geometric mean of the losses, (Π Lᵢ)^{1/K}. Its gradient gives each task the weight G/(K·Lᵢ): a task’s weight is inversely proportional to its loss, so losses on different scales count alike.',
    paper: {
      citation:
        'Chennupati, Sistu, Yogamani & Rawashdeh 2019, MultiNet++: Multi-Stream Feature Aggregation and Geometric Loss Strategy for Multi-Task Learning',
      url: 'https://arxiv.org/abs/1904.08492',
    },
  },
  {
    id: 'gradnorm',
    label: 'GradNorm',
    level: 'gradient',
    explanation:
      'Learns the weights so that each task’s weighted gradient norm on the shared representation, Gᵢ = ‖∇ wᵢLᵢ‖, approaches the mean norm times rᵢ^α, where rᵢ is how slowly the task trains (its loss relative to its first loss, over the average). Tasks that lag get larger gradients. α sets how hard it balances; the weights always sum to K.',
    paper: {
      citation:
        'Chen, Badrinarayanan, Lee & Rabinovich 2018, GradNorm: Gradient Normalization for Adaptive Loss Balancing in Deep Multitask Networks',
      url: 'https://arxiv.org/abs/1711.02257',
    },
  },
  {
    id: 'pcgrad',
    label: 'PCGrad',
    level: 'gradient',
    explanation:
      'Projecting conflicting gradients: when two tasks’ gradients on the shared representation point against each other (negative dot product), each is projected onto the normal plane of the other before they are summed, so no task undoes another’s progress. Tasks are visited in a random order each step.',
    paper: {
      citation:
        'Yu, Kumar, Gupta, Levine, Hausman & Finn 2020, Gradient Surgery for Multi-Task Learning',
      url: 'https://arxiv.org/abs/2001.06782',
    },
  },
  {
    id: 'mgda',
    label: 'MGDA-UB',
    level: 'gradient',
    explanation:
      'Multiple-gradient descent: the shared layers follow the smallest-norm convex combination Σ αᵢ∇Lᵢ of the task gradients (on the shared representation, the “upper bound” variant). That direction lowers every task’s loss at once when such a direction exists; at a Pareto-stationary point it is zero. Closed form for two tasks, Frank–Wolfe for more.',
    paper: {
      citation: 'Sener & Koltun 2018, Multi-Task Learning as Multi-Objective Optimization',
      url: 'https://arxiv.org/abs/1810.04650',
    },
  },
  {
    id: 'cagrad',
    label: 'CAGrad',
    level: 'gradient',
    explanation:
      'Conflict-averse gradient descent: stays within a ball of radius c·‖g₀‖ around the average gradient g₀ and, inside it, picks the direction that most improves the worst-off task. c = 0 is plain averaging; larger c leans towards MGDA. The result is divided by 1 + c².',
    paper: {
      citation:
        'Liu, Liu, Jin, Stone & Liu 2021, Conflict-Averse Gradient Descent for Multi-task Learning',
      url: 'https://arxiv.org/abs/2110.14048',
    },
  },
  {
    id: 'nash',
    label: 'Nash-MTL',
    level: 'gradient',
    explanation:
      'Treats the tasks as players bargaining over the shared update: the weights α solve (Gα)ᵢ·αᵢ = 1 for the Gram matrix G of the task gradients, the Nash bargaining solution. The update is then scale-invariant: a task whose gradient is ten times larger does not get ten times the say.',
    paper: {
      citation:
        'Navon, Shamsian, Achituve, Maron, Kawaguchi, Chechik & Fetaya 2022, Multi-Task Learning as a Bargaining Game',
      url: 'https://arxiv.org/abs/2202.01017',
    },
  },
];

export const STRATEGY_IDS = STRATEGIES.map((s) => s.id);

export function strategyInfo(id: StrategyId): StrategyInfo {
  return STRATEGIES.find((s) => s.id === id)!;
}

/** A strategy's name for people; an id this version does not know (an old record) as it is. */
export function strategyLabel(id: string): string {
  return STRATEGIES.find((s) => s.id === id)?.label ?? id;
}

export function isStrategyId(value: string): value is StrategyId {
  return (STRATEGY_IDS as readonly string[]).includes(value);
}

/** The strategy and its parameters, as a run uses them (and a link carries them). */
export interface WeightingConfig {
  strategy: StrategyId;
  /** GradNorm's asymmetry α: 0 equalises gradient norms, larger values favour lagging tasks. */
  gradNormAlpha: number;
  /** CAGrad's radius c, as a fraction of the average gradient's norm. */
  cagradC: number;
}

export const DEFAULT_WEIGHTING: WeightingConfig = {
  strategy: 'static',
  gradNormAlpha: 1.5,
  cagradC: 0.5,
};

/** Inclusive bounds of the strategies' parameters. */
export const WEIGHTING_LIMITS = {
  gradNormAlpha: { min: 0, max: 5, integer: false },
  cagradC: { min: 0, max: 5, integer: false },
} as const;

/** DWA's temperature τ (Liu et al. use 2). */
export const DWA_TEMPERATURE = 2;
/** GradNorm's step on the weights, relative to the mean gradient norm (scale-free). */
export const GRADNORM_RATE = 0.025;
