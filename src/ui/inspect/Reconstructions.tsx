import { useEffect } from 'react';
import { useAppStore } from '../../store/appStore';
import { useTrainedStep } from './useTrainedStep';
import { ImageThumb } from '../datasets/ImageThumb';
import { useLatestAnswer } from './useLatestAnswer';

const SHOWN = 8;

/** The autoencoder head's work: validation images beside what it rebuilt from the shared features. */
export function Reconstructions() {
  const step = useTrainedStep(2000);
  const run = useAppStore((s) => s.run);
  const { answer, error, ask } = useLatestAnswer<'reconstructions'>();
  useEffect(() => {
    if (run) ask({ kind: 'reconstructions', count: SHOWN });
  }, [run, step, ask]);
  if (error) return <p className="error">{error}</p>;
  if (!answer) return <p className="muted">Rebuilding validation images…</p>;
  const [height, width, channels] = answer.shape;
  return (
    <div className="reconstructions" data-testid="reconstructions">
      {answer.originals.map((original, i) => (
        <div className="pair" key={i}>
          <ImageThumb
            pixels={original}
            width={width}
            height={height}
            channels={channels}
            label="original"
          />
          <ImageThumb
            pixels={answer.rebuilt[i]}
            width={width}
            height={height}
            channels={channels}
            label="rebuilt"
          />
        </div>
      ))}
    </div>
  );
}
