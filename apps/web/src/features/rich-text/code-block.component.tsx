import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A fenced code block: plain text at once, highlighted once it is on screen (highlight.js
 * is fetched then, not before).
 */
export function CodeBlock({ code, language }: { code: string; language: string | null }) {
  const ref = useRef<HTMLPreElement>(null);
  const [tokens, setTokens] = useState<ReactNode[] | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let cancelled = false;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      void import('./highlight')
        .then(({ highlightCode }) => {
          if (!cancelled) setTokens(highlightCode(code, language));
        })
        .catch(() => undefined);
    });
    observer.observe(el);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [code, language]);

  return (
    <pre ref={ref} data-testid="code-block" data-highlighted={tokens ? 'true' : undefined} className="my-1 max-w-[90%] overflow-x-auto rounded-[4px] border border-surface-950/60 bg-surface-850 p-2 text-sm leading-5 whitespace-pre">
      <code className={`hljs bg-transparent! p-0! font-mono ${language ? `language-${language}` : ''}`}>{tokens ?? code}</code>
    </pre>
  );
}
