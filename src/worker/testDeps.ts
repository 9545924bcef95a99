import { readFileSync } from 'node:fs';
import type { SessionDeps } from './trainingSession';

/**
 * What a training session needs from its host, in Node tests: the MNIST file from disk (the
 * only dataset they load), no software renderer, no image decoder.
 */
export function nodeSessionDeps(watchDevice?: SessionDeps['watchDevice']): SessionDeps {
  return {
    fetchBytes: async () => new Uint8Array(readFileSync('public/data/mnist.bin')),
    softwareRenderer: async () => null,
    decodeImage: async () => {
      throw new Error('no image decoder in Node');
    },
    watchDevice,
  };
}
