import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelLabels, tfjsPackage } from '../core/export/tfjsPackage';
import { buildPreset } from '../core/spec/presets';
import { DEFAULT_TRAIN_CONFIG } from '../core/training/config';
import { tensorSplit } from './data';
import { exportableModel } from './saveModel';
import { loadBuiltinForTests } from './testData';
import { MultiTaskTrainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Download model (TF.js)', () => {
  it('stock tf.loadLayersModel reads the ZIP and predicts what the app predicts, temperatures included', async () => {
    const ds = loadBuiltinForTests('mnist');
    const spec = buildPreset('hps', ds.info.input, ds.info.tasks);
    spec.heads[0].temperature = 2.5;
    const data = tensorSplit(
      ds,
      Int32Array.from({ length: 128 }, (_, i) => i),
    );
    const trainer = new MultiTaskTrainer(spec, { ...DEFAULT_TRAIN_CONFIG, epochs: 1 }, data, data);
    while (!trainer.done) trainer.trainStep();
    const app = await trainer.predictions(data);

    const zip = tfjsPackage(
      await exportableModel(trainer.model, spec),
      modelLabels(spec, ds.info, null),
    );
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['labels.json', 'model.json', 'weights.bin']);
    const modelJson = JSON.parse(strFromU8(files['model.json']));
    expect(modelJson.weightsManifest[0].paths).toEqual(['./weights.bin']);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: files['weights.bin'].slice().buffer,
      }),
    );
    const outputs = loaded.predict(data.x) as tf.Tensor[];
    spec.heads.forEach((h, i) => {
      const stock = tf.softmax(outputs[i]).dataSync();
      const expected = app[h.task];
      expect(stock.length).toBe(expected.length);
      let worst = 0;
      for (let j = 0; j < stock.length; j++)
        worst = Math.max(worst, Math.abs(stock[j] - expected[j]));
      expect(worst).toBeLessThan(1e-5);
    });

    const labels = JSON.parse(strFromU8(files['labels.json']));
    expect(labels.outputs.map((o: { task: string }) => o.task)).toEqual([
      'digit',
      'parity',
      'high',
    ]);
    expect(labels.outputs[0].classes).toEqual(ds.info.tasks[0].classes);
    expect(labels.input.shape).toEqual([28, 28, 1]);
    tf.dispose(outputs);
    loaded.dispose();
    trainer.dispose();
    tf.dispose([data.x, ...Object.values(data.y)]);
  });
});
