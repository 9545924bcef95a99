import { expect, test } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

test('the downloaded model loads in a plain TF.js page and predicts as TF.js does anywhere', async ({
  page,
  context,
}) => {
  await page.goto('./#epochs=1&t.digit=2');
  const status = page.getByRole('status');
  await expect(status).toContainText('Ready', { timeout: 60_000 });
  const download = page.getByRole('button', { name: 'Download model (TF.js)' });
  await expect(download).toBeDisabled();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toHaveText('Training finished', { timeout: 120_000 });

  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toMatch(/^MNIST_digits-step\d+-tfjs\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync(await file.path())));
  const labels = JSON.parse(strFromU8(files['labels.json']));
  expect(labels.outputs.map((o: { task: string }) => o.task)).toEqual(['digit', 'parity', 'high']);
  expect(labels.outputs[1].classes).toEqual(['even', 'odd']);

  // The Keras script rebuilds the same model: it carries the spec the app trained.
  const [script] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Keras code' }).click(),
  ]);
  expect(script.suggestedFilename()).toBe('MNIST_digits-keras.py');
  const python = readFileSync(await script.path(), 'utf8');
  expect(python).toContain('def load_tfjs_weights(model, folder):');
  const spec = JSON.parse(JSON.parse(/^SPEC = json\.loads\((.*)\)$/m.exec(python)![1]));
  expect(spec.heads.map((h: { task: string }) => h.task)).toEqual(['digit', 'parity', 'high']);
  expect(spec.heads[0].temperature).toBe(2);

  // A blank page with nothing but stock TF.js, serving the three files as a web host would.
  const host = 'http://model.test';
  await context.route(`${host}/**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === 'tf.min.js') {
      return route.fulfill({
        body: readFileSync(require.resolve('@tensorflow/tfjs/dist/tf.min.js')),
        contentType: 'text/javascript',
      });
    }
    if (name === 'index.html')
      return route.fulfill({
        body: '<!doctype html><title>plain</title>',
        contentType: 'text/html',
      });
    const body = files[name];
    return body ? route.fulfill({ body: Buffer.from(body) }) : route.fulfill({ status: 404 });
  });
  const plain = await context.newPage();
  await plain.goto(`${host}/index.html`);
  await plain.addScriptTag({ url: `${host}/tf.min.js` });
  // The same pseudo-random images in both places.
  const input = Array.from({ length: 2 * 28 * 28 }, (_, i) => ((i * 7919) % 256) / 255);
  const browser = await plain.evaluate(
    async ({ url, input }) => {
      const tfjs = (window as unknown as { tf: typeof tf }).tf;
      const model = await tfjs.loadLayersModel(url);
      const outputs = model.predict(tfjs.tensor4d(input, [2, 28, 28, 1])) as tf.Tensor[];
      return outputs.map((o) => Array.from(tfjs.softmax(o).dataSync()));
    },
    { url: `${host}/model.json`, input },
  );

  // TF.js in Node, from the same files.
  await tf.setBackend('cpu');
  const modelJson = JSON.parse(strFromU8(files['model.json']));
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: files['weights.bin'].slice().buffer,
    }),
  );
  const node = (model.predict(tf.tensor4d(input, [2, 28, 28, 1])) as tf.Tensor[]).map((o) =>
    Array.from(tf.softmax(o).dataSync()),
  );
  expect(browser.map((p) => p.length)).toEqual([20, 4, 4]);
  browser.forEach((probabilities, i) =>
    probabilities.forEach((p, j) => expect(Math.abs(p - node[i][j])).toBeLessThan(1e-4)),
  );
});
