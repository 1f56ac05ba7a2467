import { AppError } from '../../common/app-error';

/** At most this many words are matched; more is refused rather than silently dropped. */
export const SEARCH_TERMS_MAX = 12;
/** At most this many `from:` or `in:` filters each (they widen the search: any of them). */
export const SEARCH_FILTER_VALUES_MAX = 5;

const DAY_MS = 86_400_000;

/** A person named in `from:`: `name#1234` is one account, a bare `name` every account of that name. */
export interface SearchPerson {
  username: string;
  discriminator?: string;
}

/** What a search box's text asks for, once its filters are taken out. */
export interface ParsedSearch {
  /** Lower-cased words of letters and digits, matched as prefixes (and stems). */
  terms: string[];
  from: SearchPerson[];
  /** Group names (lower-cased) or DM partners (`name#1234`). */
  in: { groupName?: string; person?: SearchPerson }[];
  /** Messages sent before the start of this UTC day. */
  before?: Date;
  /** Messages sent after the end of this UTC day. */
  after?: Date;
  hasMention: boolean;
}

/** A filter with its value (quoted or not), a quoted phrase, or any other run of non-spaces. */
const TOKEN = /(from|in|before|after|has):(?:"([^"]*)"?|(\S*))|"([^"]*)"?|(\S+)/giu;
const WORD = /[\p{L}\p{N}]+/gu;
const HANDLE = /^([^#\s]{1,32})(?:#(\d{4}))?$/u;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const refuse = (message: string): never => {
  throw new AppError('VALIDATION_FAILED', message, [{ path: 'q', message }]);
};

/**
 * Parses the text of the search box: words and the filters `from:`, `in:`, `before:`,
 * `after:` and `has:mention`. A filter with a value we cannot read is a 400 (not an empty
 * result), so a typo shows up as one.
 */
export function parseSearchQuery(text: string): ParsedSearch {
  const parsed: ParsedSearch = { terms: [], from: [], in: [], hasMention: false };
  const words: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const [, key, quoted, bare, phrase, other] = match;
    if (key === undefined) {
      words.push(phrase ?? other ?? '');
      continue;
    }
    const value = (quoted ?? bare ?? '').trim();
    const name = key.toLowerCase();
    if (!value) refuse(`"${name}:" needs a value`);
    switch (name) {
      case 'from':
        parsed.from.push(person(value, 'from'));
        break;
      case 'in':
        parsed.in.push(HANDLE.exec(value)?.[2] ? { person: person(value, 'in') } : { groupName: value.toLowerCase() });
        break;
      case 'before': {
        const day = utcDay(value, 'before');
        if (!parsed.before || day < parsed.before) parsed.before = day;
        break;
      }
      case 'after': {
        const end = new Date(utcDay(value, 'after').getTime() + DAY_MS);
        if (!parsed.after || end > parsed.after) parsed.after = end;
        break;
      }
      case 'has':
        if (value.toLowerCase() !== 'mention') refuse(`"has:${value}" is not a filter (try has:mention)`);
        parsed.hasMention = true;
        break;
    }
  }
  if (parsed.from.length > SEARCH_FILTER_VALUES_MAX || parsed.in.length > SEARCH_FILTER_VALUES_MAX) {
    refuse(`at most ${SEARCH_FILTER_VALUES_MAX} from: and in: filters each`);
  }
  const terms = new Set<string>();
  for (const word of words) for (const [term] of word.toLowerCase().matchAll(WORD)) terms.add(term);
  if (terms.size > SEARCH_TERMS_MAX) refuse(`at most ${SEARCH_TERMS_MAX} words`);
  parsed.terms = [...terms];
  const filtered = parsed.from.length + parsed.in.length > 0 || parsed.before || parsed.after || parsed.hasMention;
  if (!parsed.terms.length && !filtered) refuse('nothing to search for: type a word or a filter');
  return parsed;
}

function person(value: string, filter: string): SearchPerson {
  const match = HANDLE.exec(value.replace(/^@/, ''));
  if (!match) return refuse(`"${filter}:${value}" is not a name or a name#1234 handle`);
  return match[2] ? { username: match[1]!.toLowerCase(), discriminator: match[2] } : { username: match[1]!.toLowerCase() };
}

function utcDay(value: string, filter: string): Date {
  const match = DATE.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2024-02-30 over into March: a day that does not exist is refused.
  if (!match || Number.isNaN(date.getTime()) || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1970) {
    return refuse(`"${filter}:${value}" is not a date like 2024-05-31`);
  }
  return date;
}
