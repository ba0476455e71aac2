import { describe, expect, it } from 'vitest';
import { clusterAnnouncement } from './board-navigation';

describe('clusterAnnouncement', () => {
  it('says where the cluster stands, how the layers compare, whose spans it holds and the passage', () => {
    expect(
      clusterAnnouncement({
        position: 3,
        total: 12,
        status: 'label',
        singleLayer: false,
        members: [
          { who: 'Ana', label: 'claim', speaker: '' },
          { who: 'Ben', label: 'sourced_quote', speaker: 'the mayor' },
        ],
        missing: ['Cy'],
        quote: 'The bridge will open in May.',
      }),
    ).toBe("Cluster 3 of 12, label differs: Ana's claim and Ben's sourced quote quoting the mayor; missed by Cy: “The bridge will open in May.”");
  });

  it('gives no status with one submitted layer, and shortens a long passage', () => {
    const said = clusterAnnouncement({ position: 1, total: 1, status: 'agree', singleLayer: true, members: [{ who: 'Ana', label: 'opinion', speaker: '' }], missing: [], quote: 'word '.repeat(40) });
    expect(said).toMatch(/^Cluster 1 of 1: Ana's opinion: “word word/);
    expect(said.length).toBeLessThan(120);
  });
});
