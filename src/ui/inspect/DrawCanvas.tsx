import { useEffect, useRef } from 'react';

/** Side of the drawing surface in canvas pixels; the model's input is made from it. */
export const DRAW_SIZE = 280;
const BRUSH = 20;

interface Props {
  /** Called with the ink ([DRAW_SIZE²] in [0, 1]) after every stroke segment and on clear. */
  onInk: (ink: Float32Array) => void;
}

/** A black square to draw on in white with a mouse, a finger or a pen, and a button to erase it. */
export function DrawCanvas({ onInk }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);

  const context = () => ref.current?.getContext('2d', { willReadFrequently: true }) ?? null;
  const clear = () => {
    const ctx = context();
    if (!ctx) return;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, DRAW_SIZE, DRAW_SIZE);
  };
  const report = () => {
    const ctx = context();
    if (!ctx) return;
    const data = ctx.getImageData(0, 0, DRAW_SIZE, DRAW_SIZE).data;
    const ink = new Float32Array(DRAW_SIZE * DRAW_SIZE);
    for (let i = 0; i < ink.length; i++) ink[i] = data[i * 4] / 255;
    onInk(ink);
  };
  useEffect(clear, []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return {
      x: ((e.clientX - rect.left) / rect.width) * DRAW_SIZE,
      y: ((e.clientY - rect.top) / rect.height) * DRAW_SIZE,
    };
  };
  const stroke = (to: { x: number; y: number }) => {
    const ctx = context();
    if (!ctx) return;
    const from = last.current ?? to;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = BRUSH;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    last.current = to;
    report();
  };

  return (
    <div className="draw">
      <canvas
        ref={ref}
        width={DRAW_SIZE}
        height={DRAW_SIZE}
        className="draw-canvas"
        data-testid="draw-canvas"
        aria-label="Drawing area: draw with the mouse, a finger or a pen"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = null;
          stroke(point(e));
        }}
        onPointerMove={(e) => {
          if (e.buttons === 0 && e.pointerType === 'mouse') return;
          if (!e.currentTarget.hasPointerCapture(e.pointerId)) return;
          stroke(point(e));
        }}
        onPointerUp={() => (last.current = null)}
        onPointerCancel={() => (last.current = null)}
      />
      <button
        type="button"
        onClick={() => {
          clear();
          report();
        }}
      >
        Erase drawing
      </button>
    </div>
  );
}
