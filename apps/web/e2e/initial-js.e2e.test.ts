import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { webDistDir } from './browser.helper';

/**
 * What a first visit to the login page downloads, read from the build the global setup
 * made: the entry and what index.html preloads (the figure bench/web-load.mjs reports,
 * issue 15's target is 100 KB gzip), and the chunks the login page imports statically.
 * The size bound leaves a little room; what must never come back is named by source.
 */
const INITIAL_JS_LIMIT = 105 * 1024;

/** Sources that once made up most of the entry: zod with every contract schema, the German dictionary, the data router. */
const NOT_BEFORE_THE_FORM = [
  /node_modules\/zod\//,
  /packages\/contracts\/src\/(?!web-client\.ts$)/,
  /src\/lib\/i18n\/de\.messages\.ts$/,
  /src\/lib\/api\/http-transport\.ts$/,
  /src\/features\/auth\/hooks\/auth-form\.validation\.ts$/,
];

const read = (url: string): Buffer => readFileSync(path.join(webDistDir, url.replace(/^\//, '')));

/** The files index.html loads before any page code, as the bench counts them. */
function initialFiles(): string[] {
  const html = read('/index.html').toString('utf8');
  const files = new Set<string>();
  for (const match of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)) files.add(match[1]!);
  for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) files.add(match[1]!);
  return [...files];
}

/** A chunk and everything it imports statically (`import … from"./x.js"`, `import"./x.js"`), transitively. */
function staticGraph(start: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const url = queue.pop()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const code = read(url).toString('utf8');
    for (const match of code.matchAll(/(?:from|import)\s*["`]\.\/([^"`]+\.js)["`]/g)) queue.push(`/assets/${match[1]}`);
  }
  return [...seen];
}

/** The sources a chunk was built from; the bundler's own runtime chunk has no map (and no sources of ours). */
function sourcesOf(url: string): string[] {
  if (!existsSync(path.join(webDistDir, `${url}.map`.replace(/^\//, '')))) return [];
  return (JSON.parse(read(`${url}.map`).toString('utf8')) as { sources: string[] }).sources;
}

/** The chunk whose source map holds the login page's module. */
function loginPageChunk(): string {
  const html = read('/index.html').toString('utf8');
  const entry = /<script[^>]+type="module"[^>]+src="([^"]+)"/.exec(html)![1]!;
  // The router imports each page lazily: import(`./chunk.js`) in the entry.
  const lazy = [...read(entry).toString('utf8').matchAll(/import\(["`]\.\/([^"`]+\.js)["`]\)/g)].map((m) => `/assets/${m[1]}`);
  const found = [...new Set(lazy)].find((url) => sourcesOf(url).some((source) => source.endsWith('src/pages/login.page.tsx')));
  if (!found) throw new Error('no chunk of the build holds src/pages/login.page.tsx');
  return found;
}

describe('JavaScript of a first visit to the login page', () => {
  it(`keeps the entry and its preloads under ${INITIAL_JS_LIMIT / 1024} KB gzip`, () => {
    const files = initialFiles();
    const gzip = files.reduce((sum, url) => sum + gzipSync(read(url), { level: 9 }).length, 0);
    expect(files.length).toBeGreaterThan(0);
    expect(gzip, `${(gzip / 1024).toFixed(1)} KB gzip in ${files.join(', ')}`).toBeLessThanOrEqual(INITIAL_JS_LIMIT);
  });

  it('fetches no zod, contract schemas, transport, form checks or German dictionary before the form shows', () => {
    const graph = staticGraph([...initialFiles(), loginPageChunk()]);
    const offending = graph.flatMap((url) => sourcesOf(url).filter((source) => NOT_BEFORE_THE_FORM.some((pattern) => pattern.test(source))).map((source) => `${url}: ${source}`));
    expect(offending).toEqual([]);
  });
});
