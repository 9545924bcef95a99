import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { actions } from './store/appStore';
import { App } from './ui/App';
import './ui/styles.css';

actions.init(window.location.hash);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
