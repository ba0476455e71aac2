import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath } from './callback';

describe('safeCallbackPath', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    expect(safeCallbackPath('/projects/p1/articles/a1')).toBe('/projects/p1/articles/a1');
    expect(safeCallbackPath('/admin/audit?kind=span#top')).toBe('/admin/audit?kind=span#top');
    expect(safeCallbackPath(['/settings/tokens', '/other'])).toBe('/settings/tokens');
  });

  it('refuses everything that a browser would take off-site', () => {
    for (const raw of ['https://evil.example/', '//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', '/..//evil.example', '/./\\evil.example', 'javascript:alert(1)', ' /projects']) {
      expect(safeCallbackPath(raw), JSON.stringify(raw)).toBe(DEFAULT_AFTER_SIGN_IN);
    }
  });

  it('falls back when there is nothing usable', () => {
    for (const raw of [undefined, null, '', 42, [], {}]) expect(safeCallbackPath(raw)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it('whatever it is given, answers a path that stays on the site it is resolved against', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (tail) => {
        const path = safeCallbackPath(`/${tail}`);
        expect(path.startsWith('/')).toBe(true);
        expect(path.startsWith('//')).toBe(false);
        expect(new URL(path, 'https://slant.example').origin).toBe('https://slant.example');
      }),
    );
  });
});
