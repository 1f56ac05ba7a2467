/**
 * The markdown subset messages may use, Discord's: bold, italics, strike, inline code,
 * fenced code blocks, block quotes, lists and links. Raw HTML is never parsed into
 * elements (no rehype-raw): react-markdown shows it as text. Headings, images, tables,
 * rules, footnotes and reference-style links are turned back into the text that was typed.
 */

/** Every element the renderer may output; anything else is unwrapped to its text. */
export const ALLOWED_ELEMENTS: readonly string[] = ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'span'];

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** A link target we let through: http, https and mailto only; anything else becomes '' (rendered as plain text). */
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  try {
    return SAFE_PROTOCOLS.has(new URL(trimmed).protocol) ? trimmed : '';
  } catch {
    return '';
  }
}

/** The few mdast fields the plugins below touch. */
interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
  data?: { hName?: string; hProperties?: Record<string, string> };
}

const LITERAL_BLOCKS = new Set(['heading', 'table', 'thematicBreak', 'definition', 'footnoteDefinition']);
const LITERAL_INLINES = new Set(['image', 'imageReference', 'linkReference', 'footnoteReference']);

/** remark plugin: headings, images, tables and the like are shown as the text that was typed. */
export function remarkLiteral() {
  return (tree: MdNode, file: { value: unknown }): void => {
    const source = String(file.value);
    const literal = (node: MdNode): string => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      return start === undefined || end === undefined ? '' : source.slice(start, end);
    };
    const walk = (node: MdNode): void => {
      if (!node.children) return;
      node.children = node.children.map((child) => {
        if (LITERAL_BLOCKS.has(child.type)) return { type: 'paragraph', children: [{ type: 'text', value: literal(child) }] };
        if (LITERAL_INLINES.has(child.type)) return { type: 'text', value: literal(child) };
        walk(child);
        return child;
      });
    };
    walk(tree);
  };
}

/**
 * remark plugin: `@name#1234` in text (not in code) becomes a `<span data-mention>`, which
 * the renderer draws as a mention.
 */
export function remarkMentions(options: { split(text: string): Array<{ kind: 'text'; text: string } | { kind: 'mention'; handle: string }> }) {
  return (tree: MdNode): void => {
    const walk = (node: MdNode): void => {
      if (!node.children) return;
      node.children = node.children.flatMap((child): MdNode[] => {
        if (child.type !== 'text') {
          walk(child);
          return [child];
        }
        return options.split(child.value ?? '').map((part) =>
          part.kind === 'text'
            ? { type: 'text', value: part.text }
            : { type: 'mention', data: { hName: 'span', hProperties: { dataMention: part.handle } }, children: [{ type: 'text', value: `@${part.handle}` }] },
        );
      });
    };
    walk(tree);
  };
}
