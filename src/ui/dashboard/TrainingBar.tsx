import { useState } from 'react';
import { ShareDialog } from '../share/ShareDialog';
import { kerasScript } from '../../core/export/kerasScript';
import { withSettings } from '../../core/setupSpec';
import { epochsToCsv, etaSeconds, formatDuration } from '../../core/training/history';
import { actions, activeQueued, isStale, trainBlocker, useAppStore } from '../../store/appStore';
import { experiments } from '../../store/experiments';
import { downloadBlob, downloadText, safeFileName } from '../common/download';

export function TrainingBar() {
  const phase = useAppStore((s) => s.phase);
  // A queued run trains another model than the one on screen; its progress is still shown.
  const stale = useAppStore((s) => isStale(s) && !activeQueued(s));
  const queue = useAppStore((s) => s.queue);
  const statusMessage = useAppStore((s) => s.statusMessage);
  const run = useAppStore((s) => s.run);
  const step = useAppStore((s) => s.step);
  const rate = useAppStore((s) => s.stepsPerSecond);
  const hasEpochs = useAppStore((s) => s.epochs.length > 0);
  const dataset = useAppStore((s) => s.setup.dataset);
  const epochs = useAppStore((s) => s.setup.train.epochs);
  const batchSize = useAppStore((s) => s.setup.train.batchSize);
  const blocker = useAppStore(trainBlocker);

  const training = phase === 'training';
  const preparing = phase === 'loading' || phase === 'probing' || phase === 'idle';
  const total = run?.totalSteps ?? 0;
  const shownStep = stale ? 0 : step;
  const fraction = total > 0 ? shownStep / total : 0;
  const eta = training ? etaSeconds(shownStep, total, rate) : null;
  const epoch =
    run && run.stepsPerEpoch > 0
      ? Math.min(Math.floor(shownStep / run.stepsPerEpoch) + 1, epochs)
      : 1;
  const canResume = phase === 'paused' && !stale;

  // The trained model on screen (a queued run's model is another).
  const startedFromWeights = useAppStore((s) => s.startedFromWeights && !isStale(s));
  const canDownload = (shownStep > 0 || startedFromWeights) && !training && !queue;
  const [sharing, setSharing] = useState(false);
  const downloadModel = async () => {
    // A worker restart abandons the request; the banner says what happened.
    const model = await actions.downloadModel().catch(() => null);
    if (model) downloadBlob(model.fileName, new Blob([model.bytes], { type: 'application/zip' }));
  };
  const builtSpec = useAppStore((s) => s.builtSpec);
  const exportKeras = () => {
    const s = useAppStore.getState();
    if (!s.builtSpec) return;
    const name = s.dataset?.info.name ?? dataset;
    downloadText(
      `${safeFileName(name)}-keras.py`,
      kerasScript(withSettings(s.builtSpec, s.setup), name),
      'text/x-python',
    );
  };
  const exportMetrics = () => {
    const csv = epochsToCsv(useAppStore.getState().epochs);
    downloadText(`${safeFileName(dataset)}-metrics.csv`, csv, 'text/csv');
  };

  return (
    <section className="training-bar" aria-label="Training controls">
      <div className="buttons">
        {training ? (
          <button type="button" className="primary" onClick={actions.pause}>
            Pause
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={actions.train}
            disabled={(preparing && !stale) || blocker !== null}
            aria-describedby={blocker ? 'train-blocker' : undefined}
          >
            {canResume ? 'Resume' : 'Train'}
          </button>
        )}
        <button
          type="button"
          onClick={actions.stepOnce}
          disabled={training || preparing || blocker !== null}
        >
          Step
        </button>
        <button type="button" onClick={actions.reset} disabled={preparing}>
          Reset
        </button>
        <span className="spacer" />
        <button type="button" onClick={exportMetrics} disabled={!hasEpochs}>
          Export metrics
        </button>
        <button
          type="button"
          onClick={downloadModel}
          disabled={!canDownload}
          title="model.json, weights.bin and labels.json in a ZIP, for tf.loadLayersModel"
        >
          Download model (TF.js)
        </button>
        <button
          type="button"
          onClick={exportKeras}
          disabled={!builtSpec}
          title="A Python script that rebuilds this model with tf.keras and loads the downloaded weights"
        >
          Export Keras code
        </button>
        <button
          type="button"
          onClick={() => setSharing(true)}
          disabled={training || !builtSpec}
          title="A link with the settings and trained weights, or a project bundle"
        >
          Share…
        </button>
        <ShareDialog open={sharing} onClose={() => setSharing(false)} />
      </div>
      <div className="progress-row">
        <progress
          aria-label="Training progress"
          max={1}
          value={fraction}
          aria-valuetext={`${Math.round(fraction * 100)}%`}
        />
        <span className="progress-text">
          Epoch {epoch}/{epochs} · step {shownStep}/{total || '—'}
          {rate > 0 &&
            ` · ${rate.toFixed(rate < 10 ? 1 : 0)} steps/s · ${Math.round(rate * batchSize).toLocaleString('en')} samples/s`}
          {eta !== null && ` · ETA ${formatDuration(eta)}`}
        </span>
      </div>
      {queue && (
        <p className="status queue-status" data-testid="queue-status">
          {queue.label}: run {queue.index + 1} of {queue.items.length} —{' '}
          {queue.items[queue.index].name}{' '}
          <button type="button" onClick={experiments.cancel}>
            Stop the series
          </button>
        </p>
      )}
      {blocker ? (
        <p className="status status-blocked" id="train-blocker" role="status">
          {blocker}
        </p>
      ) : (
        <p role="status" className={`status status-${phase}`}>
          {statusMessage}
        </p>
      )}
    </section>
  );
}
