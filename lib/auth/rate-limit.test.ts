import { describe, expect, it } from 'vitest';
import { clientAddress, createRateLimiter } from './rate-limit';

describe('rate limiter', () => {
  it('allows up to the limit in the window, then refuses until the oldest attempt leaves it', () => {
    let t = 0;
    const limiter = createRateLimiter({ limit: 3, windowMs: 1000, now: () => t });
    for (let i = 0; i < 3; i++) {
      expect(limiter.check('a').allowed).toBe(true);
      limiter.record('a');
      t += 100;
    }
    expect(limiter.check('a')).toEqual({ allowed: false, retryAfterMs: 700 });
    expect(limiter.check('b').allowed).toBe(true);
    t = 1001;
    expect(limiter.check('a').allowed).toBe(true);
  });

  it('forgets a key on reset', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, now: () => 0 });
    limiter.record('a');
    expect(limiter.check('a').allowed).toBe(false);
    limiter.reset('a');
    expect(limiter.check('a').allowed).toBe(true);
  });
});

describe('client address', () => {
  it('takes the address the nearest proxy appended, not one the client put in front', () => {
    expect(clientAddress({ 'x-forwarded-for': '198.51.100.7' })).toBe('198.51.100.7');
    expect(clientAddress({ 'x-forwarded-for': '1.2.3.4, 198.51.100.7' })).toBe('198.51.100.7');
    expect(clientAddress({ 'x-forwarded-for': ' , ', 'x-real-ip': '203.0.113.9' })).toBe('203.0.113.9');
    expect(clientAddress(undefined)).toBe('unknown');
  });
});
