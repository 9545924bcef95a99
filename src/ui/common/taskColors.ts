/** Stable, colour-blind-friendly colours (Okabe–Ito) for up to eight tasks. */
const PALETTE = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#994F00',
  '#555555',
];

export function taskColor(index: number): string {
  return PALETTE[index % PALETTE.length];
}
