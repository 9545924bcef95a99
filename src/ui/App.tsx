import { useAppStore } from '../store/appStore';
import { Notices } from './common/Notices';
import { BackendInfo } from './dashboard/BackendInfo';
import { Charts } from './dashboard/Charts';
import { ModelSummary } from './dashboard/ModelSummary';
import { TrainingBar } from './dashboard/TrainingBar';
import { ValidationSummary } from './dashboard/ValidationSummary';
import { DatasetPanel } from './datasets/DatasetPanel';
import { PresetPicker } from './setup/PresetPicker';
import { TaskPanel } from './setup/TaskPanel';
import { TrainingSettings } from './setup/TrainingSettings';

export function App() {
  const dataset = useAppStore((s) => s.dataset?.info);
  const run = useAppStore((s) => s.run);
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
        <BackendInfo />
      </header>
      <Notices />
      <main className="layout">
        <aside className="sidebar">
          <DatasetPanel />
          <section className="panel">
            <PresetPicker />
          </section>
          <TaskPanel />
          <TrainingSettings />
        </aside>
        <div className="content">
          <TrainingBar />
          <ValidationSummary />
          <Charts />
          <ModelSummary />
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
