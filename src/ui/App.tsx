import type { PanelId } from '../core/urlState';
import { useAppStore } from '../store/appStore';
import { ModelBuilder } from './builder/ModelBuilder';
import { Notices } from './common/Notices';
import { ThemeToggle, useTheme } from './common/ThemeToggle';
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
  const [theme, setTheme] = useTheme();
  const shown = (panel: PanelId) => !hidden.includes(panel);
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
        <WorkspaceMenu />
        <ThemeToggle theme={theme} onChange={setTheme} />
        <BackendInfo />
      </header>
      <Notices />
      <OpenBundleDialog />
      <main className={SIDEBAR.some(shown) ? 'layout' : 'layout no-sidebar'}>
        {SIDEBAR.some(shown) && (
          <aside className="sidebar">
            {shown('dataset') && <DatasetPanel />}
            {shown('tasks') && <TaskPanel />}
            {shown('weighting') && <WeightingPanel />}
            {shown('training') && <TrainingSettings />}
          </aside>
        )}
        <div className="content">
          <TrainingBar />
          <DivergenceNotice />
          {shown('builder') && <ModelBuilder colorMode={theme} />}
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
