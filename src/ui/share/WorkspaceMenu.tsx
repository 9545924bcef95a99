import { useEffect, useState } from 'react';
import { FileButton } from '../common/FileButton';
import { useModal } from '../common/useModal';
import { openBundle } from '../../store/sharing';
import { clearWorkspace } from '../../store/workspace';
import { LESSON_FILE_SUFFIX } from '../../core/lessons/lesson';
import { playLessonFile } from '../../store/lessons';

/** Open bundle (picker, or a .zip dropped anywhere on the page) and New workspace. */
export function WorkspaceMenu() {
  const [asking, setAsking] = useState(false);
  const confirm = useModal(asking);

  useEffect(() => {
    // Drops the page's own drop zones handle (dataset import, the canvas) are theirs.
    const over = (e: DragEvent) => {
      if (!e.defaultPrevented && e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (e.defaultPrevented) return;
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      void readInto(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const startOver = async () => {
    await clearWorkspace();
    window.history.replaceState(null, '', window.location.pathname);
    window.location.reload();
  };

  return (
    <div className="workspace-menu">
      <FileButton
        accept=".zip,application/zip"
        label="Bundle file"
        onFile={(file) => void readInto(file)}
      >
        Open bundle…
      </FileButton>
      <button type="button" onClick={() => setAsking(true)}>
        New workspace
      </button>
      <dialog
        ref={confirm}
        className="confirm-dialog"
        aria-labelledby="new-workspace-title"
        onCancel={() => setAsking(false)}
      >
        <h3 id="new-workspace-title">Start a new workspace?</h3>
        <p>
          The model, dataset, settings and trained weights on screen are replaced by the defaults.
          Saved runs stay in the runs table. Download a bundle first to keep this work.
        </p>
        <div className="dialog-buttons">
          <button type="button" onClick={() => setAsking(false)}>
            Keep working
          </button>
          <button type="button" className="danger" onClick={startOver}>
            Start over
          </button>
        </div>
      </dialog>
    </div>
  );
}

/** A dropped lesson file is played; anything else is read as a bundle. */
async function readInto(file: File): Promise<void> {
  if (file.name.toLowerCase().endsWith(LESSON_FILE_SUFFIX)) return playLessonFile(file);
  openBundle(new Uint8Array(await file.arrayBuffer()), file.name);
}
