import * as tf from '@tensorflow/tfjs';
import { BACKEND_ORDER, type BackendChoice, type BackendName } from '../core/training/config';

export type ProbeOutcome = 'selected' | 'failed' | 'skipped';

export interface BackendProbe {
  backend: BackendName;
  outcome: ProbeOutcome;
  /** Plain sentence: why it was chosen, skipped or failed. */
  reason: string;
  /** Time of the probe training step, when it ran. */
  stepMs?: number;
}

export interface BackendSelection {
  backend: BackendName;
  probes: BackendProbe[];
  /** Set when the user forced a backend that could not train this model. */
  notice?: string;
}

export interface ProbeDeps {
  /** Backends not to use (they failed earlier in this tab). */
  exclude?: readonly BackendName[];
  /** One real training step of the current model on the active backend. */
  probeStep: () => Promise<number>;
  /** Names a software rasteriser behind a GPU backend (SwiftShader…), or null for real hardware. */
  softwareRenderer: (backend: BackendName) => Promise<string | null>;
  initTimeoutMs: number;
  stepTimeoutMs: number;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} did not finish within ${ms / 1000} s`)),
      ms,
    );
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

const STRENGTH: Record<BackendName, string> = {
  webgpu: 'Runs on the GPU.',
  webgl: 'Runs on the GPU.',
  wasm: 'Native-speed WebAssembly on the CPU.',
  cpu: 'Plain JavaScript: the slowest, always available.',
};

const firstLine = (e: unknown) =>
  (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);

/**
 * Picks the backend that trains this model fastest, by running one real training step on each
 * candidate in order WebGPU → WebGL → WASM → CPU. A GPU backend on a software rasteriser is
 * recognised before any step runs and held back untried: WASM is faster than emulated
 * WebGL/WebGPU (and an emulated first step can take tens of seconds), which in turn beats plain
 * JavaScript, so it is probed only when WASM cannot train the model. A forced backend is tried
 * first; if it fails, the rest are tried and `notice` says so. TF.js silently falls back when
 * `setBackend` fails, so every switch is checked with `tf.getBackend()`.
 */
export async function selectBackend(
  choice: BackendChoice,
  deps: ProbeDeps,
): Promise<BackendSelection> {
  const registered = new Set(Object.keys(tf.engine().registryFactory));
  const excluded = new Set(deps.exclude ?? []);
  const order: BackendName[] = (
    choice === 'auto' ? [...BACKEND_ORDER] : [choice, ...BACKEND_ORDER.filter((b) => b !== choice)]
  ).filter((b) => !excluded.has(b));
  const probes: BackendProbe[] = [...excluded].map((backend) => ({
    backend,
    outcome: 'failed' as const,
    reason: 'Failed earlier in this tab: not used again until the page is reloaded.',
  }));
  /** Software GPU backends held back, with their renderer's name. */
  const reserve: { backend: BackendName; software: string }[] = [];
  let notice: string | undefined =
    choice !== 'auto' && excluded.has(choice)
      ? `The ${choice} backend failed earlier in this tab; another was chosen.`
      : undefined;

  const activate = async (backend: BackendName) => {
    const ok = await withTimeout(tf.setBackend(backend), deps.initTimeoutMs, `Starting ${backend}`);
    if (!ok || tf.getBackend() !== backend) throw new Error('it could not start in this browser');
  };
  const select = (backend: BackendName): BackendSelection => {
    for (const rest of order) {
      if (probes.some((p) => p.backend === rest)) continue;
      probes.push({
        backend: rest,
        outcome: 'skipped',
        reason: `Not tried: ${backend} already trains this model.`,
      });
    }
    return { backend, probes, notice };
  };

  /** The held-back software backends, probed in order; the first that trains is chosen. */
  const tryReserve = async (): Promise<BackendSelection | null> => {
    for (const { backend, software } of reserve.splice(0)) {
      const record = probes.find((p) => p.backend === backend)!;
      try {
        await activate(backend);
        record.stepMs = await withTimeout(deps.probeStep(), deps.stepTimeoutMs, 'A training step');
      } catch (e) {
        record.outcome = 'failed';
        record.reason = `On a software rasteriser (${software}), and cannot train this model: ${firstLine(e)}.`;
        continue;
      }
      record.outcome = 'selected';
      record.reason = `The fastest backend that trains this model here, on a software rasteriser (${software}).`;
      if (order.includes('cpu') && !probes.some((p) => p.backend === 'cpu')) {
        probes.push({
          backend: 'cpu',
          outcome: 'skipped',
          reason: `Plain JavaScript is slower than ${backend}.`,
        });
      }
      return select(backend);
    }
    return null;
  };

  for (const backend of order) {
    const forced = choice === backend;
    if (!registered.has(backend)) {
      probes.push({ backend, outcome: 'failed', reason: 'Not included in this build.' });
      continue;
    }
    if (backend === 'cpu' && !forced) {
      const fromReserve = await tryReserve();
      if (fromReserve) return fromReserve;
    }
    try {
      await activate(backend);
    } catch (e) {
      probes.push({ backend, outcome: 'failed', reason: `Unavailable: ${firstLine(e)}.` });
      if (forced)
        notice = `The ${backend} backend is unavailable here (${firstLine(e)}); another was chosen.`;
      continue;
    }
    // Only a backend the user chose is taken as it is; after a failed choice the usual ranking applies.
    const software = forced ? null : await deps.softwareRenderer(backend);
    if (software) {
      reserve.push({ backend, software });
      probes.push({
        backend,
        outcome: 'skipped',
        reason: `On a software rasteriser (${software}): held back, tried only if WASM cannot train this model.`,
      });
      continue;
    }
    let stepMs: number;
    try {
      stepMs = await withTimeout(deps.probeStep(), deps.stepTimeoutMs, 'A training step');
    } catch (e) {
      probes.push({
        backend,
        outcome: 'failed',
        reason: `Cannot train this model: ${firstLine(e)}.`,
      });
      if (forced)
        notice = `The ${backend} backend cannot train this model (${firstLine(e)}); another was chosen.`;
      continue;
    }
    probes.push({
      backend,
      outcome: 'selected',
      reason: forced
        ? 'Chosen in the settings; it trains this model.'
        : `${STRENGTH[backend]} It trains this model.`,
      stepMs,
    });
    return select(backend);
  }

  const fromReserve = await tryReserve();
  if (fromReserve) return fromReserve;
  throw new Error(
    `No backend can train this model here: ${probes.map((p) => `${p.backend}: ${p.reason}`).join(' ')}`,
  );
}

interface WebGlBackendLike {
  gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext };
}
interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: {
    isFallbackAdapter?: boolean;
    vendor?: string;
    architecture?: string;
    description?: string;
  };
}
interface NavigatorGpuLike {
  gpu?: { requestAdapter: () => Promise<GpuAdapterLike | null> };
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** A short name for a software renderer string such as "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device …))". */
function softwareName(renderer: string): string | null {
  const match = /swiftshader|llvmpipe|softpipe|microsoft basic render/i.exec(renderer);
  if (match) return match[0].toLowerCase() === 'swiftshader' ? 'SwiftShader' : match[0];
  return SOFTWARE_RENDERERS.test(renderer) ? renderer.slice(0, 60) : null;
}

/** Browser implementation of `ProbeDeps.softwareRenderer`. */
export async function browserSoftwareRenderer(backend: BackendName): Promise<string | null> {
  if (backend === 'webgl') {
    const gl = (tf.backend() as unknown as WebGlBackendLike).gpgpu?.gl;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    return softwareName(renderer);
  }
  if (backend === 'webgpu') {
    const gpu = (globalThis.navigator as unknown as NavigatorGpuLike | undefined)?.gpu;
    const adapter = await gpu?.requestAdapter();
    if (!adapter) return null;
    const info = adapter.info ?? {};
    if (adapter.isFallbackAdapter || info.isFallbackAdapter) return 'fallback adapter';
    return softwareName(
      `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.description ?? ''}`,
    );
  }
  return null;
}
