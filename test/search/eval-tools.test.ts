import { describe, expect, it } from 'vitest';
import { documentGroup, half, splitOf } from '../../scripts/relevance-split.ts';
import { bigramTokens, buildPeer, gateAt } from '../../scripts/search-peers.ts';

describe('relevance set halves', () => {
  it('keep a question, its typo twin and its thread or article together', () => {
    expect(documentGroup({ id: 'sfaq-12-3-typo', relevant: ['sfaq-12'] })).toBe('sfaq-12');
    expect(documentGroup({ id: 'sfaq-12-3', relevant: ['sfaq-12'] })).toBe('sfaq-12');
    // An unanswerable JSQuAD question (its paragraph withheld) goes with the other paragraphs of its article.
    expect(documentGroup({ id: 'a10336p7q0', relevant: [] })).toBe('a10336');
    expect(documentGroup({ id: 'a10336p0q2', relevant: ['jsquad-dev-0-0'] })).toBe('a10336');
    const ids = Array.from({ length: 200 }, (_, i) => `sfaq-${i}-0`);
    for (const id of ids) expect(splitOf({ id: `${id}-typo`, relevant: [] })).toBe(splitOf({ id, relevant: [] }));
    // Both halves get a fair share, and the older id-hash halving does split twins apart for some.
    const tune = ids.filter((id) => splitOf({ id, relevant: [] }) === 'tune').length;
    expect(tune).toBeGreaterThan(70);
    expect(tune).toBeLessThan(130);
    expect(ids.some((id) => half(id) !== half(`${id}-typo`))).toBe(true);
  });
});

describe('gate curve', () => {
  it('turns away the unanswerable queries below the highest threshold that loses at most the budget', () => {
    const answerable = [0.1, 0.5, 0.6, 0.7, 0.8, 0.9, 0.9, 0.9, 0.9, 0.9].map((value) => ({ answerable: true, value }));
    const unanswerable = [0, 0.2, 0.3, 0.55, 0.95].map((value) => ({ answerable: false, value }));
    // 10 % of ten answerable: one may be lost (0.1), so the threshold sits at 0.5: 0, 0.2 and 0.3 turned away.
    expect(gateAt([...answerable, ...unanswerable], 0.1)).toBeCloseTo(3 / 5);
    // No loss allowed: only what is below the weakest answerable one (0.1): the query with no result.
    expect(gateAt([...answerable, ...unanswerable], 0)).toBeCloseTo(1 / 5);
    expect(gateAt(answerable, 0.1)).toBeNull();
  });
});

describe('peers', () => {
  it('tokenize Japanese as bigrams for MiniSearch and rank the matching document first', () => {
    expect(bigramTokens('梅雨の時期 PDF')).toEqual(['梅雨', '雨の', 'の時', '時期', 'pdf']);
    const documents = [
      { id: 'rain', title: '梅雨', body: '梅雨は六月から七月の雨の多い時期です。' },
      { id: 'snow', title: '雪', body: '雪は冬に降ります。' },
    ];
    for (const name of ['minisearch', 'lunr', 'fuse'] as const) {
      const peer = buildPeer(name, documents, 'ja');
      expect(peer.search('梅雨の時期', 10)[0]?.id).toBe('rain');
      expect(peer.indexBytesGz()).toBeGreaterThan(0);
    }
  });
});
