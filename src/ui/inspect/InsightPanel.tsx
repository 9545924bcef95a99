import { useState } from 'react';
import { hasSharedLayers } from '../../core/spec/mixture';
import { useAppStore } from '../../store/appStore';
import { EmbeddingView } from './EmbeddingView';
import { EnsemblePanel } from './EnsemblePanel';
import { ExpertUsage } from './ExpertUsage';
import { Reconstructions } from './Reconstructions';
import { TryIt } from './TryIt';

type Tab = 'try' | 'embedding' | 'experts' | 'autoencoder' | 'ensemble';

/** A number per built model, so views of an earlier model's data start afresh with a new one. */
const modelIds = new WeakMap<object, number>();
let lastModelId = 0;
function modelId(run: object | null): number {
  if (!run) return 0;
  let id = modelIds.get(run);
  if (id === undefined) modelIds.set(run, (id = ++lastModelId));
  return id;
}

/** Try the model and look inside it: one panel, a tab per view. */
export function InsightPanel() {
  const spec = useAppStore((s) => s.builtSpec);
  const run = useAppStore((s) => s.run);
  const built = run !== null;
  const [tab, setTab] = useState<Tab>('try');
  const hasGates = (spec?.experts.length ?? 0) > 0;
  const hasAutoencoder = spec?.heads.some((h) => h.kind === 'reconstruction') ?? false;
  const tabs: { id: Tab; label: string; shown: boolean }[] = [
    { id: 'try', label: 'Try it', shown: true },
    { id: 'embedding', label: 'Embedding', shown: true },
    { id: 'experts', label: 'Experts', shown: hasGates },
    { id: 'autoencoder', label: 'Autoencoder', shown: hasAutoencoder },
    { id: 'ensemble', label: 'Ensembles', shown: true },
  ];
  const current = tabs.find((t) => t.id === tab && t.shown) ? tab : 'try';
  const needsModel = current !== 'ensemble';
  return (
    <section className="panel insight" aria-labelledby="insight-heading">
      <h2 id="insight-heading">Try the model · look inside</h2>
      <div className="tabs" role="tablist" aria-label="Insight views">
        {tabs
          .filter((t) => t.shown)
          .map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`insight-tab-${t.id}`}
              aria-selected={current === t.id}
              aria-controls="insight-view"
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
      </div>
      <div id="insight-view" role="tabpanel" aria-labelledby={`insight-tab-${current}`}>
        {needsModel && !built ? (
          <p className="muted">The model is being built…</p>
        ) : (
          <>
            {current === 'try' && <TryIt />}
            {current === 'embedding' &&
              (spec && !hasSharedLayers(spec) ? (
                <p className="muted">
                  Each head of this model has its own network: there is no shared representation to
                  look at. Pick a preset with a shared encoder or experts.
                </p>
              ) : (
                <EmbeddingView key={modelId(run)} />
              ))}
            {current === 'experts' && <ExpertUsage />}
            {current === 'autoencoder' && <Reconstructions />}
            {current === 'ensemble' && <EnsemblePanel />}
          </>
        )}
      </div>
    </section>
  );
}
