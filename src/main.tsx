// First: it configures zod before any schema is built.
import './core/zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startRunTracking } from './store/runTracking';
import { startApp } from './store/sharing';
import { startDraftAutosave } from './store/lessons';
import { App } from './ui/App';
import './ui/styles.css';
import { keepForOffline } from './offline';

void startApp(window.location.hash);
keepForOffline();
void startRunTracking();
void startDraftAutosave();
// A link opened in this tab (only the hash differs, so the browser does not reload) must still
// open its setup. The app's own updates use replaceState, which fires no hashchange.
window.addEventListener('hashchange', () => window.location.reload());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
