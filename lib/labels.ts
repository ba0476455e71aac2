import { z } from 'zod';

export const LABELS = ['claim', 'opinion', 'sourced_quote'] as const;
export type Label = (typeof LABELS)[number];
export const labelSchema = z.enum(LABELS);

/** Body text colour the highlight colours were checked against. */
export const TEXT_COLOR = '#1a1a1a';

/** Opacity of the second highlight where two spans overlap (see `blendHex`). */
export const OVERLAP_ALPHA = 0.55;

export interface LabelInfo {
  name: 'Claim' | 'Opinion' | 'Sourced quote';
  key: '1' | '2' | '3';
  /** Highlight background. */
  background: string;
  /** Underline/outline colour; also the non-colour cue's colour. */
  border: string;
}

/*
 * Blue / amber / mint were chosen so the three backgrounds stay distinct under
 * simulated protanopia, deuteranopia and tritanopia (no pair closer than about
 * 28 CIELAB ΔE in any of them), while #1a1a1a keeps ≥ 10:1 contrast on each
 * background and on every 55 % overlap. Borders are ≥ 3:1 against both white
 * and their own background (WCAG non-text contrast).
 */
export const LABEL_INFO: Record<Label, LabelInfo> = {
  claim: { name: 'Claim', key: '1', background: '#b5c7ff', border: '#2f4fc4' },
  opinion: { name: 'Opinion', key: '2', background: '#ffd27a', border: '#a35f00' },
  sourced_quote: { name: 'Sourced quote', key: '3', background: '#88f2d0', border: '#0b7a5c' },
};

export function labelByKey(key: string): Label | undefined {
  return LABELS.find((label) => LABEL_INFO[label].key === key);
}

export function isLabel(value: unknown): value is Label {
  return typeof value === 'string' && (LABELS as readonly string[]).includes(value);
}

function parseHex(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`Not a hex colour: ${hex}`);
  let digits = m[1]!;
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
}

function toHex(rgb: readonly number[]): string {
  return '#' + rgb.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('');
}

/** WCAG 2.x relative luminance of an sRGB hex colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x contrast ratio (1..21); symmetric in its arguments. */
export function contrastRatio(fgHex: string, bgHex: string): number {
  const a = relativeLuminance(fgHex);
  const b = relativeLuminance(bgHex);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * Colour of `topHex` painted at `alpha` over an opaque `bottomHex`, blended per
 * channel in gamma-encoded sRGB as browsers composite by default.
 */
export function blendHex(topHex: string, bottomHex: string, alpha: number): string {
  const top = parseHex(topHex);
  const bottom = parseHex(bottomHex);
  return toHex(top.map((t, i) => alpha * t + (1 - alpha) * bottom[i]!));
}

/** The speaker a span keeps: a sourced quote's, without the spaces around it; no other label has one. */
export function storedSpeaker(label: string, speaker: string): string {
  return label === 'sourced_quote' ? speaker.trim() : '';
}
