import { describe, expect, it } from 'vitest';
import { figure, sharePercent } from './figure-format';

describe('figure', () => {
  it('writes three decimals, "–" for undefined, and no "-0.000"', () => {
    expect([figure(0.71234), figure(null), figure(undefined), figure(Number.NaN), figure(-0.0001), figure(0)]).toEqual(['0.712', '–', '–', '–', '0.000', '0.000']);
  });

  it('reads 1.000 only for perfect agreement', () => {
    expect(figure(1)).toBe('1.000');
    expect(figure(0.9995)).toBe('>0.999');
    expect(figure(0.9999993)).toBe('>0.999');
    expect(figure(0.9994)).toBe('0.999');
    expect(figure(-1)).toBe('-1.000');
    expect(figure(-0.9996)).toBe('<-0.999');
  });
});

describe('sharePercent', () => {
  it('reads 100% and 0% only when exact', () => {
    expect([sharePercent(1), sharePercent(0), sharePercent(0.996), sharePercent(0.004), sharePercent(0.5), sharePercent(0.125)]).toEqual(['100%', '0%', '>99%', '<1%', '50%', '13%']);
  });
});
