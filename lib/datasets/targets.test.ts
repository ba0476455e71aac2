import { describe, expect, it } from 'vitest';
import { importTargetOptions, mayImportInto } from './targets';

const members = [
  { id: 'u-ana', email: 'ana@x.test', name: 'Ana' },
  { id: 'u-ben', email: 'ben@x.test', name: 'Ben' },
  { id: 'u-rui', email: 'rui@x.test', name: 'Rui' },
];

describe('dataset import targets', () => {
  it('lets an annotator import into their own annotations only', () => {
    const ana = { id: 'u-ana', role: 'annotator' as const };
    expect(mayImportInto(ana, { kind: 'annotator', userId: 'u-ana' })).toBe(true);
    expect(mayImportInto(ana, { kind: 'annotator', userId: 'u-ben' })).toBe(false);
    expect(mayImportInto(ana, { kind: 'gold' })).toBe(false);
    expect(importTargetOptions(ana, members)).toEqual([{ value: 'ana@x.test', label: 'your own annotations (submitted)' }]);
  });

  it('offers reviewers and admins the gold layer first, then every member', () => {
    for (const role of ['reviewer', 'admin'] as const) {
      const rui = { id: 'u-rui', role };
      expect(mayImportInto(rui, { kind: 'gold' })).toBe(true);
      expect(mayImportInto(rui, { kind: 'annotator', userId: 'u-ben' })).toBe(true);
      expect(importTargetOptions(rui, members)).toEqual([
        { value: 'gold', label: 'the gold layer (articles adjudicated)' },
        { value: 'ana@x.test', label: 'Ana’s annotations (submitted)' },
        { value: 'ben@x.test', label: 'Ben’s annotations (submitted)' },
        { value: 'rui@x.test', label: 'your own annotations (submitted)' },
      ]);
    }
  });
});
