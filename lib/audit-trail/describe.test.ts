import { describe, expect, it } from 'vitest';
import { describeChange } from './describe';

describe('describeChange', () => {
  it('lists only the fields that changed', () => {
    const before = JSON.stringify({ label: 'claim', start: 1, end: 5, note: '' });
    const after = JSON.stringify({ label: 'opinion', start: 1, end: 5, note: 'typo' });
    expect(describeChange(before, after)).toEqual([
      { field: 'label', before: 'claim', after: 'opinion' },
      { field: 'note', before: '—', after: 'typo' },
    ]);
  });

  it('shows every field of a creation or a deletion', () => {
    expect(describeChange(null, JSON.stringify({ email: 'a@b.c' }))).toEqual([{ field: 'email', before: '', after: 'a@b.c' }]);
    expect(describeChange(JSON.stringify({ title: 'T' }), null)).toEqual([{ field: 'title', before: 'T', after: '' }]);
  });

  it('shortens long values and survives non-object JSON', () => {
    const [change] = describeChange(null, JSON.stringify({ quote: 'x'.repeat(200) }));
    expect(change.after).toHaveLength(78);
    expect(describeChange('not json', '[1,2]')).toEqual([{ field: 'value', before: 'not json', after: '[1,2]' }]);
  });
});
