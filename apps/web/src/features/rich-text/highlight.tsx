/**
 * Syntax highlighting for code blocks: highlight.js's core with a few common languages.
 * Loaded with a dynamic import only when a code block scrolls into view.
 */
import hljs from 'highlight.js/lib/core';
import type { ReactNode } from 'react';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import 'highlight.js/styles/github-dark.css';

const LANGUAGES = { bash, css, java, javascript, json, python, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

/** Copies highlighted code out as React spans (class names only) and text; never as HTML. */
function toReact(node: Node): ReactNode[] {
  const out: ReactNode[] = [];
  node.childNodes.forEach((child, i) => {
    if (child.nodeType === Node.TEXT_NODE) out.push(child.textContent ?? '');
    else if (child instanceof Element) {
      const className = (child.getAttribute('class') ?? '').split(/\s+/).filter((c) => /^[\w-]+$/.test(c)).join(' ');
      out.push(
        <span key={i} className={className}>
          {toReact(child)}
        </span>,
      );
    }
  });
  return out;
}

/**
 * highlight.js escapes the code it is given and wraps tokens in `<span class="hljs-…">`.
 * Its output is read into an inert document (DOMParser runs no scripts and loads
 * nothing) and copied out as React elements, so nothing is ever assigned to innerHTML.
 */
export function highlightCode(code: string, language: string | null): ReactNode[] {
  const lang = language && hljs.getLanguage(language) ? language : null;
  const html = lang ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value : hljs.highlightAuto(code).value;
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  return toReact(doc.body);
}
