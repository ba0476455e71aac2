import { describe, expect, it } from 'vitest';
import {
  LABEL_INFO,
  storedSpeaker,
  LABELS,
  OVERLAP_ALPHA,
  TEXT_COLOR,
  blendHex,
  contrastRatio,
  isLabel,
  labelByKey,
  labelSchema,
  relativeLuminance,
} from './labels';

describe('labels', () => {
  it('defines the three labels with names and keys 1-3', () => {
    expect(LABELS).toEqual(['claim', 'opinion', 'sourced_quote']);
    expect(LABELS.map((l) => LABEL_INFO[l].name)).toEqual(['Claim', 'Opinion', 'Sourced quote']);
    expect(LABELS.map((l) => LABEL_INFO[l].key)).toEqual(['1', '2', '3']);
  });

  it('looks labels up by keyboard key', () => {
    expect(labelByKey('1')).toBe('claim');
    expect(labelByKey('2')).toBe('opinion');
    expect(labelByKey('3')).toBe('sourced_quote');
    expect(labelByKey('4')).toBeUndefined();
    expect(labelByKey('')).toBeUndefined();
  });

  it('validates labels with zod and a type guard', () => {
    expect(labelSchema.parse('opinion')).toBe('opinion');
    expect(labelSchema.safeParse('fact').success).toBe(false);
    expect(isLabel('claim')).toBe(true);
    expect(isLabel('Claim')).toBe(false);
    expect(isLabel(3)).toBe(false);
  });

  it('uses valid, distinct hex colours', () => {
    const colours = LABELS.flatMap((l) => [LABEL_INFO[l].background, LABEL_INFO[l].border]);
    for (const c of colours) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(colours).size).toBe(colours.length);
    expect(TEXT_COLOR).toBe('#1a1a1a');
  });
});

describe('contrastRatio', () => {
  it('matches known WCAG values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#abc', '#abc')).toBe(1);
  });

  it('computes relative luminance at the extremes and accepts short hex', () => {
    expect(relativeLuminance('#fff')).toBeCloseTo(1, 10);
    expect(relativeLuminance('#000')).toBe(0);
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2159, 4);
    expect(() => relativeLuminance('blue')).toThrow();
  });

  it('blends channels in sRGB', () => {
    expect(blendHex('#ffffff', '#000000', 0.5)).toBe('#808080');
    expect(blendHex('#ff0000', '#0000ff', 1)).toBe('#ff0000');
    expect(blendHex('#ff0000', '#0000ff', 0)).toBe('#0000ff');
  });
});

describe('highlight accessibility', () => {
  it('keeps body text at WCAG AA (4.5:1) on every highlight', () => {
    for (const label of LABELS) {
      expect(contrastRatio(TEXT_COLOR, LABEL_INFO[label].background)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps body text at 4.5:1 where two highlights overlap (second at 55% over first)', () => {
    expect(OVERLAP_ALPHA).toBe(0.55);
    let checked = 0;
    for (const first of LABELS) {
      for (const second of LABELS) {
        const blended = blendHex(LABEL_INFO[second].background, LABEL_INFO[first].background, OVERLAP_ALPHA);
        expect(contrastRatio(TEXT_COLOR, blended)).toBeGreaterThanOrEqual(4.5);
        checked++;
      }
    }
    expect(checked).toBe(9);
  });

  it('keeps 4.5:1 even where all three highlights overlap', () => {
    const [a, b, c] = LABELS.map((l) => LABEL_INFO[l].background) as [string, string, string];
    for (const [x, y, z] of [
      [a, b, c],
      [c, b, a],
      [b, c, a],
    ] as const) {
      const stacked = blendHex(z, blendHex(y, x, OVERLAP_ALPHA), OVERLAP_ALPHA);
      expect(contrastRatio(TEXT_COLOR, stacked)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('gives borders at least 3:1 against white and against their own highlight', () => {
    for (const label of LABELS) {
      const { background, border } = LABEL_INFO[label];
      expect(contrastRatio(border, '#ffffff')).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(border, background)).toBeGreaterThanOrEqual(3);
    }
  });

  it('tints every highlight clearly away from the white page', () => {
    for (const label of LABELS) {
      expect(relativeLuminance(LABEL_INFO[label].background)).toBeLessThan(0.9);
    }
  });

  it('keeps the backgrounds distinguishable under simulated colour-vision deficiencies', () => {
    const views: Record<string, Matrix | null> = { normal: null, ...CVD };
    for (const [view, matrix] of Object.entries(views)) {
      const labs = LABELS.map((l) => {
        const rgb = linearRgb(LABEL_INFO[l].background);
        return toLab(matrix ? applyMatrix(matrix, rgb) : rgb);
      });
      for (let i = 0; i < labs.length; i++) {
        for (let j = i + 1; j < labs.length; j++) {
          // ~20 ΔE is an obvious difference side by side; 10 would be borderline.
          expect(deltaE(labs[i]!, labs[j]!), `${view}: ${LABELS[i]} vs ${LABELS[j]}`).toBeGreaterThan(20);
        }
      }
    }
  });
});

type Vec3 = [number, number, number];
type Matrix = [Vec3, Vec3, Vec3];

/** Machado et al. (2009) full-severity simulation matrices, applied in linear RGB. */
const CVD: Record<string, Matrix> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

function linearRgb(hex: string): Vec3 {
  return [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Vec3;
}

function applyMatrix(m: Matrix, v: Vec3): Vec3 {
  return m.map((row) => Math.min(1, Math.max(0, row[0] * v[0] + row[1] * v[1] + row[2] * v[2]))) as Vec3;
}

function toLab([r, g, b]: Vec3): Vec3 {
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function deltaE(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

describe('the speaker a span keeps', () => {
  it('is a sourced quote’s, trimmed; no other label keeps one', () => {
    expect(storedSpeaker('sourced_quote', '  Marta Reyes ')).toBe('Marta Reyes');
    expect(storedSpeaker('sourced_quote', '   ')).toBe('');
    expect(storedSpeaker('claim', 'Marta Reyes')).toBe('');
    expect(storedSpeaker('opinion', '')).toBe('');
  });
});
