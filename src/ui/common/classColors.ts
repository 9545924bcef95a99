/**
 * Colours for the classes of a labelling, distinct for up to 20 (Tableau 20, in the order that
 * puts dissimilar hues first); further classes repeat them.
 */
const CLASS_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#1f3d7a',
  '#a0522d',
  '#8cd17d',
  '#b6992d',
  '#499894',
  '#86bcb6',
  '#d37295',
  '#fabfd2',
  '#79706e',
  '#d4a6c8',
];

export function classColor(index: number): string {
  return index < 0 ? '#9aa0a6' : CLASS_PALETTE[index % CLASS_PALETTE.length];
}

/** Black or white, whichever reads better on `hex` (by its relative luminance, WCAG 2). */
export function textOn(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // The luminance where black and white give the same contrast ratio.
  return luminance > 0.179 ? '#000' : '#fff';
}
