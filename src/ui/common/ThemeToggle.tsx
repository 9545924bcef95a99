import { useEffect, useState } from 'react';

/** `contrast`: black on white with heavy rules, for projectors in bright rooms. */
export type Theme = 'light' | 'dark' | 'contrast';
const THEMES: readonly Theme[] = ['light', 'dark', 'contrast'];
const LABELS: Record<Theme, string> = {
  light: '☀ Light',
  dark: '☾ Dark',
  contrast: '◐ High contrast',
};
const NAMES: Record<Theme, string> = { light: 'light', dark: 'dark', contrast: 'high-contrast' };
const STORAGE_KEY = 'multitask-playground.theme';

function initialTheme(): Theme {
  const saved = localStorage.getItem(STORAGE_KEY);
  if ((THEMES as readonly (string | null)[]).includes(saved)) return saved as Theme;
  if (window.matchMedia?.('(prefers-contrast: more)').matches) return 'contrast';
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The colour theme: the system's until the user picks one, then remembered on this device. */
export function useTheme(): [Theme, (theme: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return [
    theme,
    (next) => {
      localStorage.setItem(STORAGE_KEY, next);
      setTheme(next);
    },
  ];
}

/** Light → dark → high contrast → light; the button names the theme it switches to. */
export function ThemeToggle({ theme, onChange }: { theme: Theme; onChange: (t: Theme) => void }) {
  const next = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length];
  return (
    <button
      type="button"
      className="theme-toggle"
      onClick={() => onChange(next)}
      aria-label={`Switch to the ${NAMES[next]} theme`}
      title={`Switch to the ${NAMES[next]} theme`}
    >
      {LABELS[next]}
    </button>
  );
}

const PRESENTER_KEY = 'multitask-playground.presenter';

/**
 * Presenter mode: everything larger, lines thicker, for the back of a classroom. Remembered on
 * this device, like the theme.
 */
export function usePresenter(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => localStorage.getItem(PRESENTER_KEY) === '1');
  useEffect(() => {
    if (on) document.documentElement.dataset.presenter = '';
    else delete document.documentElement.dataset.presenter;
  }, [on]);
  return [
    on,
    (next) => {
      localStorage.setItem(PRESENTER_KEY, next ? '1' : '0');
      setOn(next);
    },
  ];
}
