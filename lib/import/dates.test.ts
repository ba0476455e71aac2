import { describe, expect, it } from 'vitest';
import { isIsoDate, parseLooseDate } from './dates';

describe('parseLooseDate', () => {
  it.each([
    ['2024-03-03', '2024-03-03'],
    ['2024-03-03T10:00:00+05:00', '2024-03-03'],
    ['2024/3/7', '2024-03-07'],
    ['March 3, 2024', '2024-03-03'],
    ['Sunday, March 3rd, 2024', '2024-03-03'],
    ['Mar. 3 2024 10:45 AM EST', '2024-03-03'],
    ['3 March 2024', '2024-03-03'],
    ['29 Feb 2024', '2024-02-29'],
  ])('reads %s', (input, expected) => {
    expect(parseLooseDate(input)).toBe(expected);
  });

  it.each(['03/04/2024', 'February 30, 2024', 'Smarch 3, 2024', 'yesterday', ''])('rejects %s', (input) => {
    expect(parseLooseDate(input)).toBe('');
  });

  it('in whole-line mode refuses sentences that only start with a date', () => {
    expect(parseLooseDate('March 3, 2024 was a cold day.', { whole: true })).toBe('');
    expect(parseLooseDate('March 3, 2024 at 9:30 pm', { whole: true })).toBe('2024-03-03');
  });

  it('checks ISO dates against the calendar', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2024-2-9')).toBe(false);
  });
});
