import { create } from 'zustand';

/** How the page is shown (not part of the work, not in links). */
interface ViewState {
  /** The training curves fill the screen, nothing else on it. */
  chartsFullScreen: boolean;
  /** The keyboard shortcuts are listed. */
  shortcutsOpen: boolean;
}

export const useView = create<ViewState>()(() => ({
  chartsFullScreen: false,
  shortcutsOpen: false,
}));

export const view = {
  setChartsFullScreen(on: boolean): void {
    useView.setState({ chartsFullScreen: on });
  },
  setShortcutsOpen(open: boolean): void {
    useView.setState({ shortcutsOpen: open });
  },
};
