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

export function App() {
  const dataset = useAppStore((s) => s.dataset?.info);
  const run = useAppStore((s) => s.run);
  const [theme, setTheme] = useTheme();
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
      <main className="layout">
        <aside className="sidebar">
          <DatasetPanel />
          <TaskPanel />
          <WeightingPanel />
          <TrainingSettings />
        </aside>
        <div className="content">
          <TrainingBar />
          <DivergenceNotice />
          <ModelBuilder colorMode={theme} />
          <ValidationSummary />
          <RunsTable />
          <Charts />
          <InsightPanel />
          <MultiTaskGainPanel />
          <ParetoPanel />
          <DiagnosticsPanel />
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
