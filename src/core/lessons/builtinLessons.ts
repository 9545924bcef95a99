import type { Lesson } from './lesson';

/** A lesson that ships with the app; `id` is what `lesson=` names in a link. */
export interface BuiltinLesson extends Lesson {
  id: string;
  /** Its place in the list, from 1 (`lesson=3`). */
  number: number;
}

/** Settings every step spells out, so a change of the app's defaults cannot change a lesson. */
const BASE = 'opt=adam&lr=0.001&batch=64&seed=1&clip=0&backend=auto';
const steps = (common: string) => (own: string) => `${common}&${BASE}&${own}`;

const mnist500 = steps('dataset=mnist&epochs=40&val=0.45&test=0.5');
const multi = steps('dataset=multimnist&epochs=2&val=0.2&test=0');
const fashion = steps('dataset=fashion&preset=hps&epochs=2&val=0.2&test=0');
const mnist = steps('dataset=mnist&preset=hps&epochs=1&val=0.2&test=0');
const sotu = steps(
  'dataset=sotu&preset=hps&epochs=5&val=0.2&test=0&strategy=static&w.era=0&w.year=0',
);
/** The hard-sharing model of `sotu`, its party head on a weighted focal loss (γ 2, 1/frequency). */
const WEIGHTED_FOCAL_PARTY =
  'model=pVE7T8MwEP4vN3voS6jyDJ0YkBgYqg7X-Jpa9SPYl9BQ5b9zcVDLBEjdYvt75wIdpWxjAL1QYEPTMugLnGwwoIHjiUIGBV2scP9qPwn0ejabKfB4fqZQ8xH0aj0o4NSGE-jtBbhvBAXk92SMDbWwY8ui-2g96OViUFdMFUM3NwI4WMcSA_TDSsGJUiA3mS0VZE7WkLzNFTQ4SWrI6EmIWLHtkEt-SORaGHYK6NxQYqFs5XAkNOOnuGKWiCKSuBfud8fKYc72YKtJRkEb7MgVa4d9SXVrVbu4R_cSoxOgj2a8kymKq4tZsFfoB9n6yGQ2Mt2IrtF7LCsXx7fyLAQZffwFtEn03lKoepA5J3LpzOSlDXKbRHVe1pt6yOXfLWTPu1pUSc5PgVNs_h2sJ0y3ZInqRJLtZyph35XKZ_o9zG74Ag';
const brown = steps(
  'dataset=brown5k&preset=hps&epochs=10&val=0.2&test=0&strategy=static&w.mode=0&w.name=0&w.brown_tag=0',
);

export const LESSONS: readonly BuiltinLesson[] = [
  {
    id: 'shared-encoder',
    number: 1,
    title: 'Why share an encoder?',
    summary:
      'With only 500 labelled images, a small yes/no task learns better next to the digit task it is related to.',
    steps: [
      {
        title: 'Three tasks, one encoder, 500 images',
        text: 'Each image is a digit; three tasks read it: which digit, is it odd, is it 5 or more. Only 5 % of the images (500) are used for training, the rest are held out. All three tasks share one encoder.\n\nPress Train (about a minute). Note each task’s validation accuracy.',
        question: 'Which task should be easiest to learn from 500 images? Which is hardest?',
        setup: mnist500('preset=hps&strategy=static&w.digit=1&w.parity=1&w.high=1'),
      },
      {
        title: 'The same tasks, trained alone',
        text: 'In “Did multi-task learning help?”, press “Run single-task baselines”: the app trains the same network once per task, with only that task’s head (three runs, about three minutes).\n\nΔm is the mean relative change of each task against its own baseline. “Digit ≥ 5” gains the most: a yes/no answer says little about an image, but the digit task teaches the shared encoder what each digit looks like.',
        question:
          'Which task gained from sharing, and which one paid for it? Why would a yes/no task gain most?',
        setup: mnist500('preset=hps&strategy=static&w.digit=1&w.parity=1&w.high=1'),
      },
    ],
  },
  {
    id: 'negative-transfer',
    number: 2,
    title: 'Negative transfer',
    summary:
      'Two digits that need different pixels hurt each other in one shared encoder; gates (MMoE) win most of it back.',
    steps: [
      {
        title: 'Each digit alone',
        text: 'MultiMNIST lays two digits over each other, one shifted left, one right. “Single-task” trains one whole network per digit: nothing is shared.\n\nPress Train and note both accuracies.',
        question: 'Why is one of the two digits harder to read than the other?',
        setup: multi('preset=single&strategy=static&w.left=1&w.right=1'),
      },
      {
        title: 'One shared encoder',
        text: 'Now both digits must be read through one encoder of the same size. Press Train, then compare with the first run in the runs table.\n\nThe two tasks look at different parts of the image: what helps one is noise to the other.',
        question: 'Did sharing help or hurt? By how much, for each digit?',
        setup: multi('preset=hps&strategy=static&w.left=1&w.right=1'),
      },
      {
        title: 'Experts and gates',
        text: 'MMoE gives four small expert networks to both tasks; each task mixes them through its own softmax gate, so it can lean on the experts that suit it.\n\nPress Train and compare the three runs.',
        question: 'How much of the loss did the gates win back? What could the gates learn here?',
        setup: multi('preset=mmoe&strategy=static&w.left=1&w.right=1'),
      },
    ],
  },
  {
    id: 'loss-scales',
    number: 3,
    title: 'Loss scales',
    summary:
      'One task’s loss ×100 swamps the other; uncertainty weighting and GradNorm set the scales themselves.',
    steps: [
      {
        title: 'Two tasks, equal weights',
        text: 'Fashion-MNIST: the article (10 classes) and its kind (clothing, footwear, bag) from the same images, one shared encoder. Both losses count once.\n\nPress Train and note the article accuracy.',
        question: 'The kind is much easier than the article. Why?',
        setup: fashion('strategy=static&w.item=1&w.kind=1'),
      },
      {
        title: 'One loss ×100',
        text: 'The kind’s loss now counts 100 times: as if it were measured in other units, which happens whenever tasks have different losses (a regression in metres beside a cross-entropy).\n\nPress Train. “Shared gradient norms” draws each task’s own gradient before weighting: multiply the kind’s by 100 to see what the encoder receives.',
        question: 'What happened to the article accuracy? Why did the kind not gain much?',
        setup: fashion('strategy=static&w.item=1&w.kind=100'),
      },
      {
        title: 'Uncertainty weighting',
        text: 'Same ×100, but the weights are no longer ours: uncertainty weighting learns one per task, wᵢ = 1/(2σᵢ²), from how large and noisy each loss is (Kendall et al. 2018).\n\nPress Train and watch “Effective loss weights”.',
        question: 'Did the article accuracy come back? Which task got the larger weight, and why?',
        setup: fashion('strategy=uncertainty&w.item=1&w.kind=100'),
      },
      {
        title: 'GradNorm',
        text: 'GradNorm (Chen et al. 2018) looks at gradients instead: it moves the weights until each task pulls on the shared layers about equally hard, more for a task that lags.\n\nPress Train and compare all four runs in the runs table.',
        question:
          'Uncertainty weighting or GradNorm: which would you trust with a task you know nothing about?',
        setup: fashion('strategy=gradnorm&gradnorm.alpha=1.5&w.item=1&w.kind=100'),
      },
    ],
  },
  {
    id: 'gradient-conflict',
    number: 4,
    title: 'Gradient conflict',
    summary:
      'The two MultiMNIST digits pull the shared encoder in opposing directions; PCGrad and MGDA combine their gradients without the tug of war.',
    steps: [
      {
        title: 'Watch the tug of war',
        text: 'Each task’s gradient says how it wants the shared layers to move. Their cosine is 1 when they agree and below 0 when one task’s step undoes the other’s.\n\nPress Train and watch the “Gradient conflict” heatmap and curve.',
        question:
          'How often is the cosine below 0? What does a negative cosine mean for a step of the sum?',
        setup: multi('preset=hps&strategy=static&w.left=1&w.right=1'),
      },
      {
        title: 'PCGrad: project the conflict away',
        text: 'PCGrad (Yu et al. 2020): when two gradients conflict, each loses its component along the other before they are added, so no step undoes either task.\n\nPress Train and compare with the first run.',
        question: 'The accuracies barely move here. When would projecting matter more?',
        setup: multi('preset=hps&strategy=pcgrad&w.left=1&w.right=1'),
      },
      {
        title: 'MGDA: a step good for both',
        text: 'MGDA (Sener & Koltun 2018) takes the smallest combination of the task gradients: a direction that lowers every loss when one exists.\n\nPress Train and watch “Effective loss weights”: it sets them from the gradients at every step.',
        question: 'Which digit did MGDA favour with its weights? Did both digits gain?',
        setup: multi('preset=hps&strategy=mgda&w.left=1&w.right=1'),
      },
    ],
  },
  {
    id: 'temperature',
    number: 5,
    title: 'Temperature',
    summary:
      'The same logits at T = 0.5, 1 and 5: sharper or flatter probabilities, the same answer, and slower learning when T is high.',
    steps: [
      {
        title: 'One model, three temperatures',
        text: 'A softmax turns a head’s scores (logits) z into probabilities softmax(z/T). Press Train (a few seconds), then open Insight → Try it and draw a digit.\n\nDrag the Digit temperature slider to 0.5, then to 5. The bars change; the top answer does not.',
        question: 'At which temperature does the model look most sure? Has it become more right?',
        setup: mnist('strategy=static&t.digit=1&t.parity=1&t.high=1'),
      },
      {
        title: 'Training at T = 0.5',
        text: 'Now the digit head trains with T = 0.5: its logits are doubled before the softmax. Press Train and note the digit accuracy after one epoch.',
        question: 'Would you expect training to be faster or slower than at T = 1?',
        setup: mnist('strategy=static&t.digit=0.5&t.parity=1&t.high=1'),
      },
      {
        title: 'Training at T = 5',
        text: 'At T = 5 the logits are divided by 5, and so are their gradients: the network must grow its logits five times larger to be as sure. Press Train and compare the three runs.',
        question: 'Why did T = 5 learn more slowly, though the argmax does not depend on T?',
        setup: mnist('strategy=static&t.digit=5&t.parity=1&t.high=1'),
      },
    ],
  },
  {
    id: 'focal-loss',
    number: 6,
    title: 'Focal loss on imbalanced classes',
    summary:
      'Most State of the Union sentences come from Democrats and Republicans; a weighted focal loss trades a little accuracy for the rare parties (macro-F1).',
    steps: [
      {
        title: 'Cross-entropy',
        text: 'Predict the speaker’s party from one sentence of a State of the Union address. Two parties hold most sentences; Whigs, Federalists and others are rare. Only the party head trains.\n\nPress Train (under a minute). Note accuracy and macro-F1 (the mean F1 over the parties, rare ones counting as much as common ones).',
        question: 'Why can accuracy look fine while macro-F1 is low?',
        setup: sotu('w.party=1'),
      },
      {
        title: 'Weighted focal loss',
        text: 'The party head now uses a weighted focal loss: each class weighs by its inverse frequency, and (1 − p)^γ turns down examples the model already gets right (Lin et al. 2017).\n\nPress Train, then compare both runs; Diagnostics shows the confusion matrices.',
        question:
          'Accuracy fell a little and macro-F1 rose: which parties gained? Which loss would you pick, and for what?',
        setup: sotu(`${WEIGHTED_FOCAL_PARTY}&w.party=1`),
      },
    ],
  },
  {
    id: 'experts-gates',
    number: 7,
    title: 'Experts and gates',
    summary:
      'Four experts, two gates: the gates share the experts out between the tasks, and the gate temperature sets how sharply.',
    steps: [
      {
        title: 'Who uses which expert?',
        text: 'An MMoE model: four experts read the image; each digit’s gate mixes them with a softmax. Press Train, then open Insight → Experts: each row is a task’s mean gate weight per expert.',
        question:
          'Do the two digits lean on the same experts? Which gate has collapsed onto one expert?',
        setup: multi('preset=mmoe&strategy=static&w.left=1&w.right=1&g.left=1&g.right=1'),
      },
      {
        title: 'Sharp gates (T = 0.1)',
        text: 'The gate temperature divides the gate’s scores before the softmax: at T = 0.1 a small difference picks one expert almost outright.\n\nPress Train and look at Insight → Experts again.',
        question: 'Did sharper gates change which experts each digit uses?',
        setup: multi('preset=mmoe&strategy=static&w.left=1&w.right=1&g.left=0.1&g.right=0.1'),
      },
      {
        title: 'Soft gates (T = 5)',
        text: 'At T = 5 the softmax flattens: a gate needs scores five times larger to favour an expert.\n\nPress Train and compare the gate table and the accuracies of the three runs.',
        question:
          'One gate still picks its own expert even at T = 5. What does that say about what the task needs?',
        setup: multi('preset=mmoe&strategy=static&w.left=1&w.right=1&g.left=5&g.right=5'),
      },
    ],
  },
  {
    id: 'tagging-auxiliary',
    number: 8,
    title: 'Tagging as an auxiliary task',
    summary:
      'Genre from a sentence, with and without a part-of-speech tagging head on the same encoder: an auxiliary task is not free.',
    steps: [
      {
        title: 'Genre alone',
        text: 'Brown corpus: 5,000 sentences of 1961 American English, each from a text of one of 15 genres (press, fiction, religion…). Only the genre head trains (the other tasks’ weights are 0).\n\nPress Train (under a minute) and note the genre accuracy and macro-F1.',
        question: 'How much better than always guessing the most common genre can one sentence do?',
        setup: brown('w.genre=1&w.upos=0'),
      },
      {
        title: 'Genre + part-of-speech tags',
        text: 'Now a tagging head learns a part of speech for every token (NOUN, VERB, DET…) from the same encoder. Tags are plentiful (every token has one) and the head learns them well.\n\nPress Train and compare both runs.',
        question:
          'Did the tags help the genre? What does the encoder learn for tags that genre does not need?',
        setup: brown('w.genre=1&w.upos=1'),
      },
    ],
  },
];

/** A built-in lesson by id, or by its number (`lesson=3`). */
export function lessonById(id: string): BuiltinLesson | null {
  const n = /^\d+$/.test(id) ? Number(id) : Number.NaN;
  return (
    LESSONS.find((l) => l.id === id) ?? (n >= 1 && n <= LESSONS.length ? LESSONS[n - 1] : null)
  );
}
