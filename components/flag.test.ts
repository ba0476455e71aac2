import { describe, expect, it, vi } from 'vitest';
import { Flag } from './flag';

describe('Flag', () => {
  it('tells its subscribers when it changes, and only then', () => {
    const flag = new Flag();
    const listener = vi.fn();
    const unsubscribe = flag.subscribe(listener);
    expect(flag.get()).toBe(false);
    flag.set(true);
    expect(flag.get()).toBe(true);
    flag.set(true);
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    flag.set(false);
    expect(flag.get()).toBe(false);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('lets a subscriber leave while being told', () => {
    const flag = new Flag();
    const calls: string[] = [];
    const leaving = flag.subscribe(() => {
      calls.push('first');
      leaving();
    });
    flag.subscribe(() => calls.push('second'));
    flag.set(true);
    flag.set(false);
    expect(calls).toEqual(['first', 'second', 'second']);
  });
});
