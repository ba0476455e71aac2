import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { popupLeft } from './popup-position';

describe('popupLeft', () => {
  it('starts where asked when the popup fits there', () => {
    expect(popupLeft(100, 360, 1360)).toBe(100);
  });

  it('moves left so the popup ends inside the window, and never starts off its left edge', () => {
    expect(popupLeft(1200, 360, 1360)).toBe(992);
    expect(popupLeft(-30, 360, 1360)).toBe(8);
    // A phone narrower than the popup: it starts at the margin (CSS makes it fit).
    expect(popupLeft(200, 360, 320)).toBe(8);
  });

  it('keeps the whole popup inside the window wherever it is asked for', () => {
    fc.assert(
      fc.property(fc.integer({ min: -500, max: 3000 }), fc.integer({ min: 50, max: 500 }), fc.integer({ min: 240, max: 3000 }), (x, width, viewport) => {
        const left = popupLeft(x, width, viewport);
        expect(left).toBeGreaterThanOrEqual(8);
        expect(left + Math.min(width, viewport - 16)).toBeLessThanOrEqual(viewport - 8);
      }),
    );
  });
});
