import { BUILTINS, BUILTIN_IDS, type BuiltinId } from '../../core/datasets/catalog';
import type { DatasetCard } from '../../core/datasets/encoded';
import { actions, isRunActive, isStale, useAppStore } from '../../store/appStore';
import { taskColor } from '../common/taskColors';
import { ImageThumb } from './ImageThumb';
import { ImportPanel } from './ImportPanel';

const FAMILY_LABEL = { image: 'Images', text: 'Text and tags' } as const;

const SHOWN_CLASSES = 12;

/** The label set, in full when short. */
function classList(classes: readonly string[]): string {
  if (classes.length <= SHOWN_CLASSES) return classes.join(' · ');
  return `${classes.slice(0, SHOWN_CLASSES).join(' · ')} … and ${classes.length - SHOWN_CLASSES} more`;
}

function ClassBalance({ card }: { card: DatasetCard }) {
  return (
    <ul className="task-balance">
      {card.info.tasks.map((t, i) => {
        const counts = card.classCounts[t.id] ?? [];
        const total = counts.reduce((a, b) => a + b, 0) || 1;
        const unit = t.kind === 'sequenceLabeling' ? 'per token' : 'per example';
        return (
          <li key={t.id}>
            <span className="task-swatch" style={{ background: taskColor(i) }} aria-hidden />
            <span className="task-name">{t.label}</span>{' '}
            <span className="muted">
              {t.classes.length} classes, {unit}
            </span>
            <span
              className="balance"
              role="img"
              aria-label={`${t.label} class balance: ${t.classes.map((c, k) => `${c} ${counts[k] ?? 0}`).join(', ')}`}
            >
              {counts.map((c, k) => (
                <span
                  key={k}
                  title={`${t.classes[k]}: ${c.toLocaleString('en')}`}
                  style={{
                    flexGrow: c / total,
                    background: taskColor(i),
                    opacity: 0.35 + 0.65 * ((k % 2) * 0.5 + 0.5),
                  }}
                />
              ))}
            </span>
            <span className="class-names muted small">{classList(t.classes)}</span>
          </li>
        );
      })}
    </ul>
  );
}

function Preview({ card }: { card: DatasetCard }) {
  const p = card.preview;
  if (p.kind === 'image') {
    return (
      <div className="thumb-grid">
        {p.images.map((pixels, i) => (
          <ImageThumb
            key={i}
            pixels={pixels}
            width={p.width}
            height={p.height}
            channels={p.channels}
            label={Object.values(p.labels[i]).join(' · ')}
          />
        ))}
      </div>
    );
  }
  const tagTasks = card.info.tasks.filter((t) => t.kind === 'sequenceLabeling');
  return (
    <div className="text-preview">
      {p.rows.map((row, i) => (
        <div className="text-row" key={i}>
          <div className="text-labels">
            {Object.entries(row.labels).map(([k, v]) => (
              <span className="chip" key={k}>
                {v}
              </span>
            ))}
          </div>
          <table className="token-table">
            <tbody>
              <tr>
                <th scope="row">token</th>
                {row.tokens.map((t, k) => (
                  <td key={k}>{t}</td>
                ))}
              </tr>
              {tagTasks.map((task) => (
                <tr key={task.id}>
                  <th scope="row">{task.id}</th>
                  {row.tags[task.id].map((t, k) => (
                    <td key={k} className="tag">
                      {t}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}

export function DatasetPanel() {
  const card = useAppStore((s) => s.dataset);
  const selected = useAppStore((s) => s.setup.dataset);
  const error = useAppStore((s) => s.datasetError);
  const locked = useAppStore(isRunActive);
  const train = useAppStore((s) => s.setup.train);
  // Counts of the model built last; shown only while it matches the dataset on screen.
  const run = useAppStore((s) => (s.builtKey !== null && !isStale(s) && s.dataset ? s.run : null));
  const strata = card?.info.tasks.find((t) => t.kind === 'classification');
  const pct = (f: number) => `${Math.round(f * 100)}%`;
  const splitText = `${pct(1 - train.validationFraction - train.testFraction)} train / ${pct(train.validationFraction)} validation${train.testFraction > 0 ? ` / ${pct(train.testFraction)} test` : ''}, the same split for every seed${strata ? `, stratified by ${strata.label}` : ''}`;
  const builtin = BUILTIN_IDS.includes(selected as BuiltinId)
    ? BUILTINS[selected as BuiltinId]
    : null;
  return (
    <section className="panel dataset-panel" aria-labelledby="dataset-heading">
      <h2 id="dataset-heading">Dataset</h2>
      <div className="field">
        <label htmlFor="dataset-select">Built-in dataset</label>
        <select
          id="dataset-select"
          value={builtin ? selected : ''}
          disabled={locked}
          onChange={(e) => actions.setDataset(e.target.value as BuiltinId)}
        >
          {!builtin && <option value="">{card?.info.name ?? 'Your data'}</option>}
          {(['image', 'text'] as const).map((family) => (
            <optgroup key={family} label={FAMILY_LABEL[family]}>
              {BUILTIN_IDS.filter((id) => BUILTINS[id].family === family).map((id) => (
                <option key={id} value={id}>
                  {BUILTINS[id].name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <ImportPanel disabled={locked} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {card ? (
        <article className="dataset-card" aria-label={`${card.info.name} dataset card`}>
          <p>{card.info.description}</p>
          {builtin && <p className="hint">{builtin.teaches}</p>}
          <p className="muted" data-testid="dataset-counts">
            {card.count.toLocaleString('en')} examples · {splitText}
          </p>
          {run && (
            <p className="muted" data-testid="split-counts">
              This run: {run.trainCount.toLocaleString('en')} train ·{' '}
              {run.validationCount.toLocaleString('en')} validation
              {run.testCount > 0 ? ` · ${run.testCount.toLocaleString('en')} test` : ''}
            </p>
          )}
          {card.text && (
            <p className="muted">
              Vocabulary {card.text.vocabularySize.toLocaleString('en')} tokens · max length{' '}
              {card.text.maxLength} ({card.text.truncated.toLocaleString('en')} cut) ·{' '}
              {(card.text.oovRate * 100).toFixed(1)}% out of vocabulary
            </p>
          )}
          <ClassBalance card={card} />
          <details key={card.info.id}>
            <summary>Preview</summary>
            <Preview card={card} />
          </details>
          <p className="muted small">
            Source: {card.info.source}. Licence: {card.info.license}.
          </p>
        </article>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
