import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/app-error';
import { parseSearchQuery, SEARCH_TERMS_MAX } from './chat-search-query';

describe('parseSearchQuery', () => {
  it('takes words apart into lower-cased terms of letters and digits, once each', () => {
    expect(parseSearchQuery('Deadlift  dead-lift, DEADLIFT 5x5').terms).toEqual(['deadlift', 'dead', 'lift', '5x5']);
    expect(parseSearchQuery('Kniebeugen über "Straße frei"').terms).toEqual(['kniebeugen', 'über', 'straße', 'frei']);
  });

  it('reads from: as one handle or every account of a name', () => {
    expect(parseSearchQuery('from:Anna#0042 squat').from).toEqual([{ username: 'anna', discriminator: '0042' }]);
    expect(parseSearchQuery('from:@anna').from).toEqual([{ username: 'anna' }]);
    expect(parseSearchQuery('FROM:anna from:bob').from).toEqual([{ username: 'anna' }, { username: 'bob' }]);
  });

  it('reads in: as a group name (quoted for spaces) or a DM partner', () => {
    expect(parseSearchQuery('in:"Leg Day" squat').in).toEqual([{ groupName: 'leg day' }]);
    expect(parseSearchQuery('in:crew').in).toEqual([{ groupName: 'crew' }]);
    expect(parseSearchQuery('in:anna#0042').in).toEqual([{ person: { username: 'anna', discriminator: '0042' } }]);
    expect(parseSearchQuery('in:"Leg Day" squat').terms).toEqual(['squat']);
  });

  it('reads before: and after: as UTC days, both exclusive, the strictest of several', () => {
    const parsed = parseSearchQuery('before:2024-05-31 after:2024-05-01 before:2024-06-30 after:2024-04-01');
    expect(parsed.before).toEqual(new Date('2024-05-31T00:00:00Z'));
    expect(parsed.after).toEqual(new Date('2024-05-02T00:00:00Z'));
    expect(parsed.terms).toEqual([]);
  });

  it('reads has:mention, and filters alone are a search', () => {
    expect(parseSearchQuery('has:mention')).toEqual({ terms: [], from: [], in: [], hasMention: true });
    expect(parseSearchQuery('has:Mention plan').hasMention).toBe(true);
  });

  it('treats an unknown key as words', () => {
    expect(parseSearchQuery('note:deadlift').terms).toEqual(['note', 'deadlift']);
  });

  it.each([
    ['before:2024-13-01', 'not a date'],
    ['before:2024-02-30', 'not a date'],
    ['after:yesterday', 'not a date'],
    ['after:1969-12-31', 'not a date'],
    ['before:', 'needs a value'],
    ['from:"a b"', 'not a name'],
    ['from:anna#12', 'not a name'],
    ['has:link', 'not a filter'],
    ['!!! ???', 'nothing to search for'],
    ['from:a from:b from:c from:d from:e from:f', 'at most'],
    [Array.from({ length: SEARCH_TERMS_MAX + 1 }, (_, i) => `w${i}`).join(' '), 'at most'],
  ])('refuses %j with a 400 that says why', (text, why) => {
    let error: unknown;
    try {
      parseSearchQuery(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    expect((error as AppError).message).toContain(why);
  });
});
