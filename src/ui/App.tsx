import type { PanelId } from '../core/urlState';
import { useAppStore } from '../store/appStore';
import { ModelBuilder } from './builder/ModelBuilder';
import { Notices } from './common/Notices';
import { ThemeToggle, usePresenter, useTheme } from './common/ThemeToggle';
import { ShortcutsDialog } from './common/ShortcutsDialog';
import { useShortcuts } from './common/shortcuts';
import { view } from './common/viewStore';
import { LessonEditor } from './lessons/LessonEditor';
import { LessonPlayer } from './lessons/LessonPlayer';
import { LessonsMenu } from './lessons/LessonsMenu';
import { useLessonDraft } from '../store/lessons';
import { BackendInfo } from './dashboard/BackendInfo';
import { Charts } from './dashboard/Charts';
import { DiagnosticsPanel } from './dashboard/DiagnosticsPanel';
import { DivergenceNotice } from './dashboard/DivergenceNotice';
import { RunsTable } from './dashboard/RunsTable';
import { TrainingBar } from './dashboard/TrainingBar';
import { ValidationSummary } from './dashboard/ValidationSummary';
import { DatasetPanel } from './datasets/DatasetPanel';
import { InsightPanel } from './inspect/InsightPanel';
import { TaskPanel } from './setup/TaskPanel';
import { TrainingSettings } from './setup/TrainingSettings';
import { MultiTaskGainPanel } from './weighting/MultiTaskGainPanel';
import { ParetoPanel } from './weighting/ParetoPanel';
import { WeightingPanel } from './weighting/WeightingPanel';
import { OpenBundleDialog } from './share/OpenBundleDialog';
import { WorkspaceMenu } from './share/WorkspaceMenu';

const SIDEBAR: readonly PanelId[] = ['dataset', 'tasks', 'weighting', 'training'];

export function App() {
  const dataset = useAppStore((s) => s.dataset?.info);
  const run = useAppStore((s) => s.run);
  const hidden = useAppStore((s) => s.setup.hide);
  const lesson = useAppStore((s) => s.lesson !== null);
  const writing = useLessonDraft((s) => s.draft !== null);
  const [theme, setTheme] = useTheme();
  const [presenting, setPresenting] = usePresenter();
  useShortcuts();
  const shown = (panel: PanelId) => !hidden.includes(panel);
  // The lesson's words sit beside the live app even when every settings panel is hidden.
  const sidebar = lesson || writing || SIDEBAR.some(shown);
  return (
    <div className="app">
      <header className="topbar">
        <h1>
          Multitask <span>Playground</span>
        </h1>
        <p className="dataset-line">
          {dataset?.name ?? 'Loading the dataset…'}
          {run && (
            <span className="muted">
              {' '}
              · {run.trainCount.toLocaleString('en')} train /{' '}
              {run.validationCount.toLocaleString('en')} validation
            </span>
          )}
        </p>
        <LessonsMenu />
        <WorkspaceMenu />
        <ThemeToggle theme={theme} onChange={setTheme} />
        <button
          type="button"
          aria-pressed={presenting}
          onClick={() => setPresenting(!presenting)}
          title="Large type and thick lines, for a projector"
        >
          Present
        </button>
        <button
          type="button"
          className="shortcuts-button"
          onClick={() => view.setShortcutsOpen(true)}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          ?
        </button>
        <BackendInfo />
      </header>
      <Notices />
      <OpenBundleDialog />
      <ShortcutsDialog />
      <main className={sidebar ? 'layout' : 'layout no-sidebar'}>
        {sidebar && (
          <aside className="sidebar">
            <LessonPlayer />
            <LessonEditor />
            {shown('dataset') && <DatasetPanel />}
            {shown('tasks') && <TaskPanel />}
            {shown('weighting') && <WeightingPanel />}
            {shown('training') && <TrainingSettings />}
          </aside>
        )}
        <div className="content">
          <TrainingBar />
          <DivergenceNotice />
          {shown('builder') && <ModelBuilder colorMode={theme === 'dark' ? 'dark' : 'light'} />}
          {shown('summary') && <ValidationSummary />}
          {shown('runs') && <RunsTable />}
          {shown('charts') && <Charts />}
          {shown('insight') && <InsightPanel />}
          {shown('gain') && <MultiTaskGainPanel />}
          {shown('pareto') && <ParetoPanel />}
          {shown('diagnostics') && <DiagnosticsPanel />}
          {dataset && (
            <footer className="credits muted">
              Data: {dataset.source}. Licence: {dataset.license}.
            </footer>
          )}
        </div>
      </main>
    </div>
  );
}
