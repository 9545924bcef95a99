import { memo, useEffect, useRef } from 'react';

interface Props {
  pixels: Uint8Array;
  width: number;
  height: number;
  channels: number;
  label: string;
}

/** One image of a dataset, drawn pixel for pixel and scaled up by CSS. */
export const ImageThumb = memo(function ImageThumb({
  pixels,
  width,
  height,
  channels,
  label,
}: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(width, height);
    for (let i = 0; i < width * height; i++) {
      for (let c = 0; c < 3; c++)
        image.data[i * 4 + c] = pixels[i * channels + (channels >= 3 ? c : 0)];
      image.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels, width, height, channels]);
  return (
    <figure className="thumb">
      <canvas ref={ref} width={width} height={height} role="img" aria-label={label} />
      <figcaption>{label}</figcaption>
    </figure>
  );
});
