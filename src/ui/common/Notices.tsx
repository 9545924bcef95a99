import { actions, useAppStore } from '../../store/appStore';

export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const error = useAppStore((s) => s.error);
  const banner = useAppStore((s) => s.banner);
  if (notices.length === 0 && !error && !banner) return null;
  return (
    <div className="notices">
      {banner && (
        <div
          className={`notice ${banner.tone === 'error' ? 'error' : 'info'}`}
          role={banner.tone === 'error' ? 'alert' : undefined}
          data-testid="banner"
        >
          {banner.text}{' '}
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
