import type { ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './code-block.component';
import { ALLOWED_ELEMENTS, remarkLiteral, remarkMentions, safeUrl } from './markdown-policy';

interface HastNode {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const textOf = (node: HastNode | undefined): string => (node?.type === 'text' ? (node.value ?? '') : (node?.children ?? []).map(textOf).join(''));

function codeBlock(node: HastNode | undefined): ReactNode {
  const code = node?.children?.find((c) => c.tagName === 'code');
  const classes = code?.properties?.className;
  const language = Array.isArray(classes) ? (classes.map(String).find((c) => c.startsWith('language-'))?.slice('language-'.length).toLowerCase() ?? null) : null;
  // The fence's trailing newline is not part of the code.
  return <CodeBlock code={textOf(code).replace(/\n$/, '')} language={language} />;
}

type SplitMentions = Parameters<typeof remarkMentions>[0]['split'];

/**
 * Message text in Discord's markdown subset (see markdown-policy.ts). Loaded lazily with
 * react-markdown: it is not part of any page's initial JavaScript. It imports nothing from
 * the chat feature (mentions come in as props): a static import of the signed-in app's
 * chunk from here makes the bundler split shared modules out of the entry chunk, and the
 * login page's initial JavaScript would grow.
 */
export function MarkdownText({ source, splitMentions, renderMention }: { source: string; splitMentions: SplitMentions; renderMention(handle: string): ReactNode }) {
  const components: Components = {
    p: ({ children }) => <p className="whitespace-pre-wrap">{children}</p>,
    a: ({ href, children }) =>
      href ? (
        <a href={href} target="_blank" rel="noopener noreferrer" className="text-link hover:underline">
          {children}
        </a>
      ) : (
        <span>{children}</span>
      ),
    span: ({ node, children }) => {
      const handle = node?.properties?.dataMention;
      return typeof handle === 'string' ? renderMention(handle) : <span>{children}</span>;
    },
    code: ({ children }) => <code className="rounded-[3px] bg-surface-850 px-1 py-px font-mono text-[0.85em]">{children}</code>,
    pre: ({ node }) => codeBlock(node as HastNode | undefined),
    blockquote: ({ children }) => <blockquote className="my-0.5 border-l-4 border-surface-400 pl-3">{children}</blockquote>,
    ul: ({ children }) => <ul className="my-0.5 list-disc pl-6">{children}</ul>,
    ol: ({ children, start }) => (
      <ol start={start} className="my-0.5 list-decimal pl-6">
        {children}
      </ol>
    ),
  };
  return (
    <Markdown
      remarkPlugins={[remarkGfm, remarkLiteral, [remarkMentions, { split: splitMentions }]]}
      allowedElements={ALLOWED_ELEMENTS}
      unwrapDisallowed
      skipHtml={false}
      urlTransform={safeUrl}
      components={components}
    >
      {source}
    </Markdown>
  );
}
