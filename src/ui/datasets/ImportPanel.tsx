import { useId, useState } from 'react';
import { DEFAULT_IMAGE_IMPORT, type ImportPreview } from '../../core/datasets/importFile';
import { DEFAULT_TEXT_PIPELINE, type TextPipeline } from '../../core/text/tokenize';
import { actions, useAppStore } from '../../store/appStore';

const ACCEPT = '.csv,.tsv,.tab,.json,.jsonl,.ndjson,.conllu,.conll,.txt,.iob,.bio,.zip';

function PipelineFields({
  pipeline,
  onChange,
  tagged,
}: {
  pipeline: TextPipeline;
  onChange: (p: TextPipeline) => void;
  tagged: boolean;
}) {
  const id = useId();
  const number = (key: 'maxLength' | 'vocabSize', label: string, min: number, max: number) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        min={min}
        max={max}
        value={pipeline[key]}
        onChange={(e) => {
          const v = Math.round(Number(e.target.value));
          if (Number.isFinite(v)) onChange({ ...pipeline, [key]: Math.min(max, Math.max(min, v)) });
        }}
      />
    </div>
  );
  return (
    <fieldset className="settings-grid">
      <legend className="hint">Text</legend>
      {!tagged && (
        <div className="field">
          <label htmlFor={`${id}-level`}>Tokens</label>
          <select
            id={`${id}-level`}
            value={pipeline.level}
            onChange={(e) =>
              onChange({ ...pipeline, level: e.target.value as TextPipeline['level'] })
            }
          >
            <option value="word">Words</option>
            <option value="char">Characters</option>
          </select>
        </div>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={pipeline.lowercase}
          onChange={(e) => onChange({ ...pipeline, lowercase: e.target.checked })}
        />{' '}
        Lower-case
      </label>
      {number('maxLength', 'Max length (tokens)', 2, 512)}
      {number('vocabSize', 'Vocabulary size', 10, 100_000)}
    </fieldset>
  );
}

interface TaskOption {
  name: string;
  note: string;
  examples: string[];
}

/** The columns, tags or labels the user can tick, each with what it would become. */
function choicesOf(preview: ImportPreview, textColumn: string): TaskOption[] {
  switch (preview.format) {
    case 'table':
      return preview.columns
        .filter((c) => c.name !== textColumn)
        .map((c) => ({
          name: c.name,
          note:
            c.kind === 'numeric'
              ? 'number → regression'
              : `${c.distinct} values${c.kind === 'text' ? ' (free text?)' : ''} → classification`,
          examples: c.examples,
        }));
    case 'images':
      return preview.tasks.map((t) => ({
        name: t.name,
        note: `${t.distinct} classes → classification`,
        examples: t.examples,
      }));
    default:
      return [
        ...preview.tagColumns.map((t) => ({
          name: t.name,
          note: `${t.distinct} tags per token → tagging`,
          examples: t.examples,
        })),
        ...preview.labelKeys.map((t) => ({
          name: t.name,
          note: `${t.distinct} values per sentence → classification`,
          examples: t.examples,
        })),
      ];
  }
}

function summaryOf(preview: ImportPreview): string {
  switch (preview.format) {
    case 'table':
      return `${preview.rows.toLocaleString('en')} rows, ${preview.columns.length} columns`;
    case 'images':
      return `${preview.images.toLocaleString('en')} images, labels from ${preview.layout === 'csv' ? 'the CSV file' : 'folder names'}${preview.unlabelled > 0 ? ` (${preview.unlabelled} without a row are left out)` : ''}`;
    default:
      return `${preview.sentences.toLocaleString('en')} sentences, ${preview.tokens.toLocaleString('en')} tokens (${preview.format === 'conllu' ? 'CoNLL-U' : 'column format'})${preview.longSentences > 0 ? `; ${(preview.longSentences * 100).toFixed(1)}% are longer than ${DEFAULT_TEXT_PIPELINE.maxLength} tokens` : ''}`;
  }
}

function ImageFields({
  value,
  onChange,
}: {
  value: { size: number; channels: 1 | 3 };
  onChange: (v: { size: number; channels: 1 | 3 }) => void;
}) {
  const id = useId();
  return (
    <fieldset className="settings-grid">
      <legend className="hint">Images are scaled to a square</legend>
      <div className="field">
        <label htmlFor={`${id}-size`}>Size (pixels)</label>
        <select
          id={`${id}-size`}
          value={value.size}
          onChange={(e) => onChange({ ...value, size: Number(e.target.value) })}
        >
          {[16, 28, 32, 48, 64].map((n) => (
            <option key={n} value={n}>
              {n} × {n}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-channels`}>Colour</label>
        <select
          id={`${id}-channels`}
          value={value.channels}
          onChange={(e) => onChange({ ...value, channels: Number(e.target.value) as 1 | 3 })}
        >
          <option value={1}>Grey-scale</option>
          <option value={3}>Colour (RGB)</option>
        </select>
      </div>
    </fieldset>
  );
}

function ImportForm({ preview }: { preview: ImportPreview }) {
  const id = useId();
  const [text, setText] = useState(
    preview.format === 'table' ? (preview.suggestedText ?? preview.columns[0]?.name ?? '') : '',
  );
  const [labels, setLabels] = useState<string[]>(preview.suggestedLabels);
  const [pipeline, setPipeline] = useState<TextPipeline>(DEFAULT_TEXT_PIPELINE);
  const [image, setImage] = useState<{ size: number; channels: 1 | 3 }>(DEFAULT_IMAGE_IMPORT);
  const toggle = (name: string, on: boolean) =>
    setLabels((l) => (on ? [...l, name] : l.filter((x) => x !== name)));
  const options = choicesOf(preview, text);
  const summary = summaryOf(preview);
  return (
    <form
      className="import-form"
      aria-label={`Import ${preview.file}`}
      onSubmit={(e) => {
        e.preventDefault();
        actions.importDataset({
          textColumn: preview.format === 'table' ? text : undefined,
          labels: labels.filter((l) => l !== text),
          pipeline,
          image: preview.format === 'images' ? image : undefined,
        });
      }}
    >
      <p>
        <strong>{preview.file}</strong>: {summary}.
      </p>
      {preview.format === 'table' && (
        <div className="field">
          <label htmlFor={`${id}-text`}>Text column</label>
          <select id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)}>
            {preview.columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} — {c.examples[0]?.slice(0, 40) ?? ''}
              </option>
            ))}
          </select>
        </div>
      )}
      <fieldset className="task-choices">
        <legend className="hint">Tasks: each ticked column becomes a head</legend>
        {options.map((o) => (
          <label key={o.name} className="check">
            <input
              type="checkbox"
              checked={labels.includes(o.name)}
              onChange={(e) => toggle(o.name, e.target.checked)}
            />
            <span>
              <strong>{o.name}</strong> <span className="muted">{o.note}</span>
              <br />
              <span className="muted small">e.g. {o.examples.slice(0, 4).join(', ')}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {preview.format === 'images' ? (
        <ImageFields value={image} onChange={setImage} />
      ) : (
        <PipelineFields
          pipeline={pipeline}
          onChange={setPipeline}
          tagged={preview.format !== 'table'}
        />
      )}
      <div className="buttons">
        <button
          type="submit"
          className="primary"
          disabled={labels.filter((l) => l !== text).length === 0}
        >
          Use this dataset
        </button>
        <button type="button" onClick={actions.cancelImport}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The user's own files: picked or dropped, read in the worker, then shaped into tasks. */
export function ImportPanel({ disabled }: { disabled: boolean }) {
  const preview = useAppStore((s) => s.importPreview);
  const importing = useAppStore((s) => s.importing);
  const [over, setOver] = useState(false);
  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (file) void actions.inspectFile(file);
  };
  return (
    <div className="import">
      <div
        className={`drop-zone ${over ? 'over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (!disabled) take(e.dataTransfer.files);
        }}
      >
        <label className="file-button">
          Import a file
          <input
            type="file"
            accept={ACCEPT}
            disabled={disabled}
            onChange={(e) => take(e.target.files)}
          />
        </label>
        <span className="muted small">
          or drop it here: CSV, TSV, JSON, JSONL, CoNLL-U, CoNLL-2003 columns, or a ZIP of images
        </span>
      </div>
      {importing && (
        <p className="muted" role="status" aria-label="Import progress">
          Reading…
        </p>
      )}
      {preview && <ImportForm key={preview.file} preview={preview} />}
    </div>
  );
}
