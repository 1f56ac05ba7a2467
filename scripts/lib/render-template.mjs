#!/usr/bin/env node
// Renders a deploy template: every ${NAME} (upper case) is replaced by its value; NGINX's
// own $variables, which never use braces in our templates, stay as they are. The same
// files are rendered by the official nginx image's envsubst inside containers.
//   node scripts/lib/render-template.mjs TEMPLATE OUTPUT NAME=value ...
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const PLACEHOLDER = /\$\{([A-Z_][A-Z0-9_]*)\}/g;

/** The template with every placeholder replaced; throws naming every variable that has no value. */
export function renderTemplate(text, vars) {
  const missing = new Set();
  const out = text.replace(PLACEHOLDER, (_match, name) => {
    if (vars[name] === undefined) {
      missing.add(name);
      return '';
    }
    return String(vars[name]);
  });
  if (missing.size) throw new Error(`template variables without a value: ${[...missing].join(', ')}`);
  return out;
}

/** The placeholder names a template uses. */
export function templateVariables(text) {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [input, output, ...pairs] = process.argv.slice(2);
  if (!input || !output) {
    process.stderr.write('usage: render-template.mjs TEMPLATE OUTPUT NAME=value ...\n');
    process.exit(2);
  }
  const vars = Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
  try {
    writeFileSync(output, renderTemplate(readFileSync(input, 'utf8'), vars));
  } catch (error) {
    process.stderr.write(`${input}: ${error.message}\n`);
    process.exit(1);
  }
}
