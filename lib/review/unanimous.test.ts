import { describe, expect, it } from 'vitest';
import { acceptableUnanimous, isPendingUnanimous, unanimousGold } from './unanimous';

const span = (id: string, label: string, start: number, end: number, speaker = '', verdict = '', quote = 'some words') => ({ id, label, start, end, speaker, verdict, quote });
const quoteOf = (s: { quote: string }) => s.quote;

describe('unanimous clusters', () => {
  it('stand for one gold span per distinct label and boundaries, nested ones included', () => {
    const spans = [
      span('a1', 'sourced_quote', 0, 69, 'Marta Reyes'),
      span('b1', 'sourced_quote', 0, 69, 'Marta Reyes'),
      span('a2', 'claim', 15, 69),
      span('b2', 'claim', 15, 69),
    ];
    const gold = unanimousGold(spans)!;
    expect(gold.map((g) => [g.source.id, g.members.map((m) => m.id)])).toEqual([
      ['a1', ['a1', 'b1']],
      ['a2', ['a2', 'b2']],
    ]);
  });

  it('treat speakers typed differently only in case or spacing as the same person', () => {
    expect(unanimousGold([span('a', 'sourced_quote', 0, 9, 'Marta Reyes'), span('b', 'sourced_quote', 0, 9, '  marta  reyes ')])).toHaveLength(1);
  });

  it('are not unanimous when the annotators name different speakers for the same quote', () => {
    const spans = [span('a', 'sourced_quote', 0, 9, 'Marta Reyes'), span('b', 'sourced_quote', 0, 9, 'Daniel Hughes')];
    expect(unanimousGold(spans)).toBeNull();
    expect(isPendingUnanimous({ status: 'agree' }, spans, quoteOf)).toBe(false);
  });

  it('are pending while any of their spans awaits a verdict, and only when they agree', () => {
    const judged = [span('a', 'claim', 0, 9, '', 'accepted'), span('b', 'claim', 0, 9, '', 'accepted')];
    const half = [span('a', 'claim', 0, 9, '', 'accepted'), span('b', 'claim', 0, 9)];
    expect(isPendingUnanimous({ status: 'agree' }, judged, quoteOf)).toBe(false);
    expect(isPendingUnanimous({ status: 'agree' }, half, quoteOf)).toBe(true);
    expect(isPendingUnanimous({ status: 'boundaries' }, half, quoteOf)).toBe(false);
  });

  it('leave alone a span group the reviewer already rejected or edited part of, and take the rest', () => {
    const spans = [
      span('a1', 'sourced_quote', 0, 40, 'Port authority'),
      span('b1', 'sourced_quote', 0, 40, 'Port authority'),
      span('a2', 'claim', 10, 40, '', 'rejected'),
      span('b2', 'claim', 10, 40),
      span('a3', 'opinion', 20, 30, '', 'accepted'),
      span('b3', 'opinion', 20, 30),
    ];
    expect(acceptableUnanimous({ status: 'agree' }, spans, quoteOf).map((g) => [g.source.id, g.pending.map((p) => p.id)])).toEqual([
      ['a1', ['a1', 'b1']],
      ['b3', ['b3']],
    ]);
    const allSettled = [span('a', 'claim', 0, 9, '', 'edited'), span('b', 'claim', 0, 9)];
    expect(acceptableUnanimous({ status: 'agree' }, allSettled, quoteOf)).toEqual([]);
    expect(isPendingUnanimous({ status: 'agree' }, allSettled, quoteOf)).toBe(false);
  });

  it('leave alone a group over nothing but spaces and line breaks (saved before such spans were refused), and take the rest', () => {
    const spans = [
      span('a1', 'claim', 0, 9),
      span('b1', 'claim', 0, 9),
      span('a2', 'opinion', 9, 12, '', '', ' \n '),
      span('b2', 'opinion', 9, 12, '', '', ' \n '),
    ];
    expect(acceptableUnanimous({ status: 'agree' }, spans, quoteOf).map((g) => g.source.id)).toEqual(['a1']);
    expect(isPendingUnanimous({ status: 'agree' }, spans.slice(2), quoteOf)).toBe(false);
  });
});
