import { actions, useAppStore } from '../../store/appStore';
import { damagedWorkspaceFile } from '../../store/sharing';
import { downloadText } from './download';

export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const error = useAppStore((s) => s.error);
  const banner = useAppStore((s) => s.banner);
  const storage = useAppStore((s) => s.storage);
  const unreadable = useAppStore((s) => s.unreadableRuns);
  if (notices.length === 0 && !error && !banner && !storage && unreadable === 0) return null;
  return (
    <div className="notices">
      {unreadable > 0 && (
        <div className="notice warning" data-testid="damaged-runs">
          {unreadable === 1
            ? '1 saved run is damaged and was left out; it stays in storage, untouched.'
            : `${unreadable} saved runs are damaged and were left out; they stay in storage, untouched.`}
        </div>
      )}
      {storage && (
        <div className="notice warning" role="alert" data-testid="storage-warning">
          <strong>Not saved.</strong> {storage.message}
        </div>
      )}
      {banner && (
        <div
          className={`notice ${banner.tone === 'error' ? 'error' : 'info'}`}
          role={banner.tone === 'error' ? 'alert' : undefined}
          data-testid="banner"
        >
          {banner.text}{' '}
          {banner.damagedKey && (
            <button
              type="button"
              className="link"
              onClick={() =>
                void damagedWorkspaceFile(banner.damagedKey!).then((f) =>
                  downloadText(f.fileName, f.text, 'application/json'),
                )
              }
            >
              Download the damaged workspace
            </button>
          )}{' '}
          <button type="button" className="link" onClick={actions.dismissBanner}>
            Dismiss
          </button>
        </div>
      )}
      {error && (
        <div className="notice error" role="alert">
          <strong>Training stopped.</strong> {error}
        </div>
      )}
      {notices.length > 0 && (
        <div className="notice warning" role="alert" aria-label="Settings notices">
          <strong>Some settings in the link were not used:</strong>
          <ul>
            {notices.map((n, i) => (
              <li key={i}>
                {n}{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => actions.dismissNotice(i)}
                  aria-label={`Dismiss: ${n}`}
                >
                  Dismiss
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
