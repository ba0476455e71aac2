import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterHeadStart } from './page';

afterEach(() => vi.useRealTimers());

describe('afterHeadStart', () => {
  it('starts loading after a head start that grows with the text, up to a limit', async () => {
    vi.useFakeTimers();
    for (const [textLength, headStart] of [
      [340_000, 85],
      [4_000_000, 100],
    ]) {
      const load = vi.fn(async () => 'layers');
      const loaded = afterHeadStart(textLength, load);
      await vi.advanceTimersByTimeAsync(headStart - 1);
      expect(load).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(load).toHaveBeenCalledTimes(1);
      await expect(loaded).resolves.toBe('layers');
    }
  });

  it('gives a short text no head start to speak of', async () => {
    vi.useFakeTimers();
    const load = vi.fn(async () => 1);
    const loaded = afterHeadStart(3_000, load);
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);
    await expect(loaded).resolves.toBe(1);
  });

  it('passes a failure on to whoever awaits it, without an unhandled rejection meanwhile', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const loaded = afterHeadStart(0, async () => {
        throw new Error('the database is gone');
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).not.toHaveBeenCalled();
      await expect(loaded).rejects.toThrow('the database is gone');
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
