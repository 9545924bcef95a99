import { downloadBlob } from '../common/download';

/** The curves of one chart as CSV: `series,x,y`, one row per point. */
export function curvesToCsv(
  series: readonly { name: string; data: readonly { x: number; y: number }[] }[],
  xLabel: string,
): string {
  const quote = (t: string) => (/[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  const rows = [`series,${xLabel},value`];
  for (const s of series) for (const p of s.data) rows.push(`${quote(s.name)},${p.x},${p.y}`);
  return `${rows.join('\n')}\n`;
}

/**
 * Draws a chart's SVG onto a canvas at twice its size and downloads it as PNG. CSS variables are
 * resolved first, since an SVG drawn as an image does not see the page's styles.
 */
export async function downloadSvgAsPng(svg: SVGSVGElement, fileName: string): Promise<void> {
  const { width, height } = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const style = getComputedStyle(document.documentElement);
  const resolve = (value: string) =>
    value.replace(/var\((--[\w-]+)\)/g, (_, name: string) => style.getPropertyValue(name).trim());
  for (const el of copy.querySelectorAll('*')) {
    for (const attr of ['stroke', 'fill', 'color']) {
      const v = el.getAttribute(attr);
      if (v?.includes('var(')) el.setAttribute(attr, resolve(v));
    }
  }
  const text = new XMLSerializer().serializeToString(copy);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * 2);
  canvas.height = Math.round(height * 2);
  const context = canvas.getContext('2d')!;
  context.fillStyle = style.getPropertyValue('--panel').trim() || '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(2, 2);
  context.drawImage(image, 0, 0);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
  if (blob) downloadBlob(fileName, blob);
}
