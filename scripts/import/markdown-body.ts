import { RAW_HTML_TAGS } from '../pipeline/html-policy.ts';
import type { ConvertContext } from './html-to-markdown.ts';

// Containers (`::: tip`, `:::note[Title]`) of VitePress, Docusaurus and Starlight → Kotae's callouts.
const CONTAINER_KIND: Record<string, string> = {
  note: 'NOTE',
  info: 'NOTE',
  details: 'NOTE',
  tip: 'TIP',
  important: 'IMPORTANT',
  warning: 'WARNING',
  caution: 'CAUTION',
  danger: 'CAUTION',
};
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'noscript',
  'template',
  'video',
  'audio',
  'canvas',
  'form',
  'button',
  'svg',
]);
const RAW_HTML_ATTRIBUTES: Record<string, string[]> = { abbr: ['title'], details: ['open'] };

/**
 * Rewrites a Markdown site's page body as Kotae Markdown, line by line (fenced code is left alone):
 * containers become callouts, MDX imports and components go, raw HTML Kotae would refuse is dropped, links
 * and images go through the importer (`id:` links, copied assets). `atLine` is told the source line before
 * anything on it is reported, so every report says `file:line`.
 */
export function markdownToKotae(markdown: string, ctx: ConvertContext, atLine: (line: number) => void, firstLine: number, title: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let fence: string | undefined;
  let quoteDepth = 0;
  let droppingUntil: string | undefined;
  let sawContent = false;
  lines.forEach((raw, i) => {
    atLine(firstLine + i);
    const prefix = '> '.repeat(quoteDepth);
    if (fence) {
      if (raw.trimStart().startsWith(fence)) fence = undefined;
      out.push(prefix + raw);
      return;
    }
    const opening = /^\s*(`{3,}|~{3,})/.exec(raw);
    if (opening) {
      fence = opening[1]!;
      out.push(prefix + raw.replace(/^(\s*(?:`{3,}|~{3,})[A-Za-z0-9_+#-]*).*$/, '$1'));
      return;
    }
    if (droppingUntil) {
      if (new RegExp(`</${droppingUntil}\\s*>`, 'i').test(raw)) droppingUntil = undefined;
      return;
    }
    if (/^(import|export)\s.+/.test(raw)) {
      ctx.drop(raw.trim().slice(0, 80), 'mdxCode');
      return;
    }
    const container = /^\s*:{3,}\s*([A-Za-z]+)(?:\[(.*)\]|\s+(.*))?\s*$/.exec(raw);
    if (container) {
      const kind = CONTAINER_KIND[container[1]!.toLowerCase()];
      if (!kind) ctx.drop(`container "::: ${container[1]}"`, 'unknownContainer');
      out.push(`${prefix}> [!${kind ?? 'NOTE'}]`);
      const heading = (container[2] ?? container[3] ?? '').trim();
      if (heading) out.push(`${prefix}> **${heading}**`, `${prefix}>`);
      quoteDepth++;
      return;
    }
    if (/^\s*:{3,}\s*$/.test(raw) && quoteDepth > 0) {
      quoteDepth--;
      out.push('');
      return;
    }
    if (/^\s*(\[\[toc\]\]|<<<\s)/.test(raw)) {
      ctx.drop(raw.trim().slice(0, 80), 'vitepressDirective');
      return;
    }
    let line = raw;
    // The page's own title as its first heading: Kotae shows the title above the body already.
    const h1 = /^#\s+(.*?)\s*$/.exec(line);
    if (h1) {
      if (!sawContent && h1[1]!.trim() === title.trim()) return;
      line = `#${line}`;
    }
    if (line.trim()) sawContent = true;
    const html = rewriteHtml(line, ctx);
    line = html.line;
    if (html.droppingUntil) droppingUntil = html.droppingUntil;
    line = rewriteLinks(line, ctx);
    out.push(line.trim() || !prefix ? prefix + line : prefix.trimEnd());
  });
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** Raw HTML on one line: allowed tags stay (without attributes Kotae refuses), others go and are reported. */
function rewriteHtml(line: string, ctx: ConvertContext): { line: string; droppingUntil?: string } {
  const code: string[] = [];
  // Inline code may show HTML as text: keep it out of reach while tags are judged.
  const masked = line.replace(/`[^`]*`/g, (span) => `\uE000${code.push(span) - 1}\uE000`);
  const tags = /<(\/?)([A-Za-z][\w.-]*)([^<>]*?)(\/?)>/g;
  let out = '';
  let from = 0;
  let skipUntil: string | undefined;
  for (const m of masked.matchAll(tags)) {
    if (!skipUntil) out += masked.slice(from, m.index);
    from = m.index + m[0].length;
    const [, close, name = '', attrs = '', self] = m;
    const tag = name.toLowerCase();
    if (skipUntil) {
      if (close && tag === skipUntil) skipUntil = undefined;
      continue;
    }
    if (DROP_WITH_CONTENT.has(tag)) {
      if (close) continue;
      const src = /\bsrc\s*=\s*["']([^"']*)/i.exec(attrs)?.[1];
      ctx.drop(`<${tag}${src ? ` src="${src}"` : ''}>`, 'element');
      if (!self) skipUntil = tag;
      continue;
    }
    if (RAW_HTML_TAGS.has(tag) && name === tag) {
      if (close) {
        out += m[0];
        continue;
      }
      const kept: string[] = [];
      for (const a of attrs.matchAll(/([A-Za-z_:][\w:.-]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g)) {
        if (RAW_HTML_ATTRIBUTES[tag]?.includes(a[1]!.toLowerCase())) kept.push(a[0]);
        else ctx.drop(`${a[1]} on <${tag}>`, /^on/i.test(a[1]!) ? 'handler' : 'rawAttribute');
      }
      out += `<${tag}${kept.length ? ` ${kept.join(' ')}` : ''}>`;
      continue;
    }
    if (close) continue;
    ctx.drop(`<${name}>`, /^[A-Z]/.test(name) ? 'mdxComponent' : 'rawHtml');
    for (const a of attrs.matchAll(/\b(on[a-z]+)\s*=/gi)) ctx.drop(`${a[1]} on <${name}>`, 'handler');
  }
  if (!skipUntil) out += masked.slice(from);
  const result = out.replace(/\uE000(\d+)\uE000/g, (_m, n: string) => code[Number(n)]!);
  return skipUntil ? { line: result, droppingUntil: skipUntil } : { line: result };
}

/** `[text](href)` and `![alt](src)` through the importer; a link it cannot keep becomes its text. */
function rewriteLinks(line: string, ctx: ConvertContext): string {
  const code: string[] = [];
  const masked = line.replace(/`[^`]*`/g, (span) => `\uE000${code.push(span) - 1}\uE000`);
  const rewritten = masked.replace(/(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"([^"]*)")?\s*\)/g, (_m, bang: string, text: string, href: string) => {
    if (bang) {
      const src = ctx.image(href, text);
      return src === undefined ? text : `![${text}](${src})`;
    }
    const target = ctx.link(href);
    return target === undefined ? text : `[${text}](${target})`;
  });
  return rewritten.replace(/\uE000(\d+)\uE000/g, (_m, n: string) => code[Number(n)]!);
}
