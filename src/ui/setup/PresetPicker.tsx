import { useAppStore, actions, isRunActive } from '../../store/appStore';
import { PRESETS } from '../../core/spec/presets';

export function PresetPicker() {
  const preset = useAppStore((s) => s.setup.preset);
  const locked = useAppStore(isRunActive);
  return (
    <fieldset className="preset-picker" disabled={locked}>
      <legend>Architecture</legend>
      {PRESETS.map((p) => (
        <label key={p.id} className={`preset ${p.id === preset ? 'selected' : ''}`}>
          <input
            type="radio"
            name="preset"
            value={p.id}
            checked={p.id === preset}
            onChange={() => actions.setPreset(p.id)}
          />
          <span className="preset-name">{p.label}</span>
          <span className="preset-summary">{p.summary}</span>
        </label>
      ))}
    </fieldset>
  );
}
