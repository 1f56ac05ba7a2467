import { describe, expect, it } from 'vitest';
import { HEADLINE_LESS_THAN, HIGHLIGHT_START as S, HIGHLIGHT_STOP as E } from './chat-search.repository';
import { snippetOf } from './chat-search.service';

describe('snippetOf', () => {
  it('turns headline markers into offsets into the plain text', () => {
    const snippet = snippetOf(`Five ${S}deadlifts${E} and ${S}dead${E} bugs`, '');
    expect(snippet.text).toBe('Five deadlifts and dead bugs');
    expect(snippet.highlights.map(({ start, end }) => snippet.text.slice(start, end))).toEqual(['deadlifts', 'dead']);
  });

  it('gives back the "<" ts_headline must not see, at the same offsets', () => {
    const snippet = snippetOf(`${HEADLINE_LESS_THAN}img onerror=x> ${S}dead${E}`, '');
    expect(snippet).toEqual({ text: '<img onerror=x> dead', highlights: [{ start: 16, end: 20 }] });
  });

  it('shows the start of a message found by filters alone, unmarked', () => {
    expect(snippetOf(null, 'short')).toEqual({ text: 'short', highlights: [] });
    expect(snippetOf(null, 'x'.repeat(500)).text).toBe(`${'x'.repeat(200)}…`);
  });
});
