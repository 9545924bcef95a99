import { useEffect, useState } from 'react';
import { useModal } from '../common/useModal';
import { isBuiltinId } from '../../core/datasets/catalog';
import { formatBytes } from '../../core/share/inflateCapped';
import { useAppStore } from '../../store/appStore';
import { makeBundle, makeShareLink, type ShareLinkResult } from '../../store/sharing';
import { downloadBlob } from '../common/download';

/** The share link (with its size and a copy button) and the project bundle download. */
export function ShareDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useModal(open);
  const [link, setLink] = useState<ShareLinkResult | null>(null);
  const [copied, setCopied] = useState(false);
  const [includeData, setIncludeData] = useState(true);
  const [busy, setBusy] = useState(false);
  const datasetId = useAppStore((s) => s.dataset?.info.id ?? '');
  const file = useAppStore((s) => s.datasetFile);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void makeShareLink().then((made) => live && setLink(made));
    return () => {
      live = false;
    };
  }, [open]);
  const close = () => {
    setLink(null);
    setCopied(false);
    onClose();
  };

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
    } catch {
      // No clipboard permission: the link is selected for Ctrl+C instead.
      const input = ref.current?.querySelector<HTMLInputElement>('input[name="share-link"]');
      input?.select();
      return;
    }
    setCopied(true);
  };

  const download = async () => {
    setBusy(true);
    try {
      const { fileName, bytes } = await makeBundle(includeData && file !== null);
      downloadBlob(
        fileName,
        new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="confirm-dialog share-dialog"
      aria-labelledby="share-title"
      onClose={close}
    >
      <h3 id="share-title">Share this model</h3>
      <section aria-label="Share link">
        <h4>Link</h4>
        {link ? (
          <>
            <div className="share-link-row">
              <input
                name="share-link"
                aria-label="Share link"
                readOnly
                value={link.url}
                onFocus={(e) => e.currentTarget.select()}
              />
              <button type="button" className="primary" onClick={copy}>
                {copied ? 'Copied' : 'Copy link'}
              </button>
            </div>
            <p className="hint" data-testid="share-link-size">
              {formatBytes(link.url.length)} ·{' '}
              {link.withWeights
                ? 'settings and trained weights (8 bits per weight)'
                : 'settings only'}
            </p>
            {link.note && <p className="hint share-note">{link.note}</p>}
          </>
        ) : (
          <p className="hint">Making the link…</p>
        )}
      </section>
      <section aria-label="Project bundle">
        <h4>Project bundle</h4>
        <p className="hint">
          One .zip with the model, settings, run history and weights. Open it here (Open bundle, or
          drop it on the page) to pick the work up and continue training.
        </p>
        {!isBuiltinId(datasetId) && file && (
          <label className="check">
            <input
              type="checkbox"
              checked={includeData}
              onChange={(e) => setIncludeData(e.target.checked)}
            />{' '}
            Include data ({file.name}, {formatBytes(file.bytes.byteLength)})
          </label>
        )}
        <button type="button" onClick={download} disabled={busy || !datasetId}>
          {busy ? 'Packing…' : 'Download bundle'}
        </button>
      </section>
      <div className="dialog-buttons">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </dialog>
  );
}
