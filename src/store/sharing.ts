import { isBuiltinId } from '../core/datasets/catalog';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  MAX_BUNDLE_BYTES,
  describeBundle,
  readBundle,
  writeBundle,
  type Bundle,
} from '../core/share/bundle';
import { formatBytes } from '../core/share/inflateCapped';
import {
  MAX_SHARE_LINK_CHARS,
  openLink,
  shareHash,
  type OpenedLink,
} from '../core/share/shareLink';
import { readLessonLink } from '../core/lessons/lessonLink';
import { decodeWeights } from '../core/share/weightsCodec';
import { safeFileName } from '../core/fileName';
import { defaultSetup, parseSetup } from '../core/urlState';
import {
  applyOpening,
  boot,
  hasTrainedWeights,
  readModelWeights,
  useAppStore,
  type Banner,
  type Opening,
  type PlayingLesson,
  writeHash,
} from './appStore';
import { saveRun } from './runStorage';
import {
  loadDamagedWorkspace,
  loadWorkspace,
  startAutosave,
  workspaceHash,
  workspaceOpening,
} from './workspace';
import { toPortableJson } from '../core/portableJson';

const set = useAppStore.setState;
const get = useAppStore.getState;

const freshOpening = (): Opening => ({
  setup: defaultSetup(),
  notices: [],
  start: null,
  file: null,
  banner: null,
});

/**
 * Opens the app: a link that carries a model or settings wins; a plain visit or a reload gets
 * the saved workspace back; a damaged link or a hosted bundle leaves the saved workspace on
 * screen (the bundle asks before it replaces it).
 */
export async function startApp(hash: string): Promise<void> {
  const link = readLessonLink(hash);
  const loaded = await loadWorkspace();
  const saved = loaded.kind === 'saved' ? loaded.saved : null;
  const previous: Opening = saved ? workspaceOpening(saved) : freshOpening();
  if (link.lesson && link.source) {
    set({ lesson: { lesson: link.lesson, source: link.source, step: link.step } });
  }
  // A lesson link opens its step; a reload of a step (the app wrote the settings beside the
  // lesson keys) is a plain reload of those settings, with the saved workspace's weights.
  const stepLink = link.lesson !== null && link.rest === '';
  const opened = openLink(stepLink ? link.lesson!.steps[link.step].setup : link.rest);
  let opening = openingOf(opened, previous, stepLink || !saved ? null : link.rest);
  if (link.problem) {
    opening = link.source
      ? { ...opening, notices: [link.problem, ...opening.notices] }
      : { ...opening, banner: { tone: 'error', text: link.problem } };
  }
  // Whatever opens, the user hears that their saved work could not be read, and where it is.
  if (loaded.kind === 'damaged' && !opening.banner) {
    opening = { ...opening, banner: damagedBanner(loaded.key, loaded.reason) };
  }
  boot(opening);
  startAutosave();
  if (opened.kind === 'bundle') await fetchBundle(opened.url);
}

/**
 * What a link opens. A link that carries a model or settings wins; a plain visit or a reload
 * (`reloaded`: the link's text, when a workspace is saved) of what the app wrote gets the saved
 * workspace back; a damaged link or a hosted bundle leaves `previous` on screen (the bundle asks
 * before it replaces it).
 */
function openingOf(opened: OpenedLink, previous: Opening, reloaded: string | null): Opening {
  switch (opened.kind) {
    case 'trained':
      return {
        setup: opened.setup,
        notices: [],
        start: { set: opened.weights, origin: 'link', structure: null },
        file: null,
        banner: {
          tone: 'info',
          text: `This link holds a trained model (after ${opened.weights.step.toLocaleString('en')} steps, weights stored in 8 bits). Train continues from it.`,
        },
      };
    case 'damaged':
      return {
        ...previous,
        banner: {
          tone: 'error',
          text: `This link is damaged: ${opened.message}. Nothing in it was used; your previous work is unchanged.`,
        },
      };
    case 'bundle':
      return previous;
    case 'settings':
      // A reload keeps the hash the app wrote: the saved workspace is that setup, with weights.
      return reloaded !== null &&
        (reloaded === '' || reloaded === workspaceHash({ setup: opened.setup }))
        ? previous
        : { ...freshOpening(), setup: opened.setup, notices: opened.notices };
  }
}

/**
 * Opens one step of a lesson (or the same step again): its settings replace the work on screen,
 * the runs table stays. A step that names a hosted bundle fetches it (and asks, as a link does).
 */
export function openLessonStep(playing: PlayingLesson): void {
  set({ lesson: playing });
  const current = get();
  const previous: Opening = {
    setup: current.setup,
    notices: [],
    start: null,
    file: null,
    banner: null,
  };
  const opened = openLink(playing.lesson.steps[playing.step].setup);
  const opening = openingOf(opened, previous, null);
  if (opened.kind === 'bundle' || opened.kind === 'damaged') {
    set({ banner: opening.banner });
    writeHash(current.setup);
    if (opened.kind === 'bundle') void fetchBundle(opened.url);
    return;
  }
  applyOpening(opening);
}

/** The saved workspace could not be read: it is kept aside, and can be downloaded as JSON. */
function damagedBanner(key: string, reason: string): Banner {
  return {
    tone: 'error',
    text: `Your saved workspace could not be read (${reason}). It was set aside, untouched, and the app opened with the defaults.`,
    damagedKey: key,
  };
}

/** A damaged workspace that was set aside, as a JSON file to keep (binary as base64url). */
export async function damagedWorkspaceFile(
  key: string,
): Promise<{ fileName: string; text: string }> {
  const value = await loadDamagedWorkspace(key);
  return { fileName: `${safeFileName(key)}.json`, text: toPortableJson(value ?? null) };
}

// ---- Share links ----

export interface ShareLinkResult {
  /** The full link to copy. */
  url: string;
  /** It carries the trained weights (false: they did not fit, or there are none). */
  withWeights: boolean;
  /** Why the weights are left out, when they are. */
  note: string | null;
}

/** The share link of the work on screen: the setup, and the weights when they fit. */
export async function makeShareLink(): Promise<ShareLinkResult> {
  const s = get();
  const base = `${window.location.origin}${window.location.pathname}`;
  const settingsOnly = `${base}${shareHash(s.setup, null)}`;
  if (s.dataset && !isBuiltinId(s.dataset.info.id)) {
    return {
      url: settingsOnly,
      withWeights: false,
      note: `A link cannot carry your own data (${s.dataset.info.name}): download a bundle with the data included instead.`,
    };
  }
  if (!hasTrainedWeights(s)) {
    return {
      url: settingsOnly,
      withWeights: false,
      note: 'The model is not trained yet: the link holds the settings only.',
    };
  }
  const weights = await readModelWeights('uint8');
  if (!weights) return { url: settingsOnly, withWeights: false, note: null };
  const url = `${base}${shareHash(s.setup, weights.bytes)}`;
  if (url.length > MAX_SHARE_LINK_CHARS) {
    return {
      url: settingsOnly,
      withWeights: false,
      note: `The trained weights would make the link ${formatBytes(url.length)}, over the ${formatBytes(MAX_SHARE_LINK_CHARS)} links can carry: this link holds the settings only. Download a bundle to share the trained model.`,
    };
  }
  return { url, withWeights: true, note: null };
}

// ---- Bundles ----

/** The work on screen as a bundle file: setup, dataset (its file too with `includeData`), runs, weights. */
export async function makeBundle(
  includeData: boolean,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const s = get();
  const info = s.dataset?.info;
  if (!info) throw new Error('No dataset is loaded yet.');
  const weights = hasTrainedWeights(s) ? await readModelWeights('float32') : null;
  const file = s.datasetFile;
  const runs = s.runs.filter((r) => r.datasetId === info.id);
  const bundle: Bundle = {
    manifest: {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      createdAt: new Date().toISOString(),
      title: info.name,
      setup: workspaceHash(s),
      dataset:
        isBuiltinId(info.id) || !file
          ? { kind: 'builtin', id: info.id }
          : {
              kind: 'file',
              id: info.id,
              file: file.name,
              included: includeData,
              choice: file.choice,
            },
      weights: weights
        ? { step: weights.step, run: s.runs.find((r) => r.id === s.currentRunId)?.name ?? null }
        : null,
      tasks: info.tasks.map((t) => t.id),
    },
    runs,
    weights: weights?.bytes ?? null,
    data: includeData && file ? new Uint8Array(file.bytes) : null,
  };
  return { fileName: `${safeFileName(info.name)}-bundle.zip`, bytes: writeBundle(bundle) };
}

/** A bundle read and checked, waiting for the user to agree to replace their work. */
export interface PendingBundle {
  bundle: Bundle;
  opening: Opening;
  summary: string;
  /** The file name. */
  source: string;
  /** Where it was fetched from, for a hosted bundle. */
  url: string | null;
}

/** Reads a bundle; anything wrong is said in the banner and the work on screen stays. */
export function openBundle(bytes: Uint8Array, source: string, url: string | null = null): void {
  const refused = (message: string) =>
    set({
      banner: {
        tone: 'error',
        text: `This bundle is damaged: ${message} (${source}). Nothing in it was used; your work is unchanged.`,
      },
    });
  const read = readBundle(bytes);
  if (!read.ok) return refused(read.message);
  const { manifest } = read.bundle;
  const dataset = manifest.dataset;
  const imported = dataset.kind === 'file' ? { id: dataset.id, tasks: manifest.tasks } : undefined;
  const { setup, notices } = parseSetup(manifest.setup, imported);
  if (notices.length > 0) return refused(`bundle.json: ${notices[0]}`);
  const weights = read.bundle.weights ? decodeWeights(read.bundle.weights) : null;
  if (weights && !weights.ok) return refused(`weights.bin: ${weights.message}`);
  let file: Opening['file'] = null;
  if (dataset.kind === 'file') {
    const current = get().datasetFile;
    if (read.bundle.data) {
      const data = read.bundle.data;
      file = {
        name: dataset.file,
        bytes: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
        choice: dataset.choice,
      };
    } else if (current && get().dataset?.info.id === dataset.id) {
      file = { ...current, choice: dataset.choice };
    } else {
      return set({
        banner: {
          tone: 'error',
          text: `This bundle was saved without its data file (${dataset.file}). Import ${dataset.file} first, then open the bundle again.`,
        },
      });
    }
  }
  const summary = describeBundle(read.bundle);
  const pending: PendingBundle = {
    bundle: read.bundle,
    summary,
    source,
    url,
    opening: {
      setup,
      notices: [],
      start: weights?.ok ? { set: weights.value, origin: 'bundle', structure: null } : null,
      file,
      banner: {
        tone: 'info',
        text: `Opened ${source}: ${summary}.${weights?.ok ? ' Train continues from its weights.' : ''}`,
      },
    },
  };
  pendingListeners.forEach((l) => l(pending));
}

const pendingListeners = new Set<(p: PendingBundle | null) => void>();
/** The confirm dialog listens for bundles waiting for an answer. */
export function onPendingBundle(listener: (p: PendingBundle | null) => void): () => void {
  pendingListeners.add(listener);
  return () => pendingListeners.delete(listener);
}

/** The user agreed: the bundle replaces the work on screen, and its runs join the table. */
export function acceptBundle(pending: PendingBundle): void {
  const known = new Set(get().runs.map((r) => r.id));
  const added = pending.bundle.runs.filter((r) => !known.has(r.id));
  set((s) => ({ runs: [...s.runs, ...added].sort((a, b) => a.createdAt - b.createdAt) }));
  for (const run of added) void saveRun(run);
  applyOpening(pending.opening);
}

/** `#bundle=<https URL>`: fetched with a size cap, then the same checks and question as a file. */
export async function fetchBundle(url: string): Promise<void> {
  const name = url.split('/').pop() || url;
  const fail = (why: string) =>
    set({
      banner: {
        tone: 'error',
        text: `The bundle at ${url} could not be opened: ${why}. Your work is unchanged.`,
      },
    });
  let response: Response;
  try {
    // No cookies, no referrer: the host learns nothing about the user's session or page.
    response = await fetch(url, {
      credentials: 'omit',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    return fail('the address could not be reached (offline, or the host does not allow it)');
  }
  // A redirect may not leave https.
  if (response.url && !response.url.startsWith('https:'))
    return fail('the host redirected to an address that is not https://');
  if (!response.ok) return fail(`the host answered ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_BUNDLE_BYTES)
    return fail(`it is ${formatBytes(declared)}, over ${formatBytes(MAX_BUNDLE_BYTES)}`);
  const reader = response.body?.getReader();
  if (!reader) return fail('the host sent nothing');
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_BUNDLE_BYTES) {
      await reader.cancel();
      return fail(`it is over ${formatBytes(MAX_BUNDLE_BYTES)}`);
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  openBundle(bytes, name, url);
}
