import { describe, expect, it } from 'vitest';
import { formatBytes } from './byte-size';

describe('formatBytes', () => {
  it('writes bytes, kilobytes and megabytes as people read them', () => {
    expect([formatBytes(0), formatBytes(1), formatBytes(812), formatBytes(1024), formatBytes(14_540), formatBytes(20 * 1024 * 1024), formatBytes(20_000_000), formatBytes(214_748_365)]).toEqual([
      '0 bytes',
      '1 byte',
      '812 bytes',
      '1 KB',
      '14.2 KB',
      '20 MB',
      '19.1 MB',
      '204.8 MB',
    ]);
  });

  it('groups the thousands of a large number', () => {
    expect(formatBytes(5_000 * 1024 * 1024)).toBe('5,000 MB');
  });
});
