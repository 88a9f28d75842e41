import type { Lang, Phrase } from './vocabulary.ts';

export type CalloutType = 'NOTE' | 'TIP' | 'IMPORTANT' | 'WARNING' | 'CAUTION';

/**
 * One block of an entry's body, with its text in both template languages. An entry is composed once as a
 * list of blocks and rendered per language, so a translation has exactly the structure of its source.
 */
export type Block =
  | { kind: 'heading'; level: 2 | 3; text: Phrase }
  | { kind: 'paragraph'; sentences: Phrase[] }
  | { kind: 'steps'; items: Phrase[] }
  | { kind: 'bullets'; items: Phrase[] }
  | { kind: 'tasks'; items: Array<{ done: boolean; text: Phrase }> }
  | { kind: 'table'; header: Phrase[]; rows: Phrase[][] }
  | { kind: 'code'; lang: string; code: Phrase }
  | { kind: 'callout'; type: CalloutType; sentences: Phrase[] };

/** Japanese runs sentences together; English separates them with a space. */
function joinSentences(sentences: readonly Phrase[], lang: Lang): string {
  return sentences.map((s) => s[lang]).join(lang === 'ja' ? '' : ' ');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function renderBlock(block: Block, lang: Lang): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${block.text[lang]}`;
    case 'paragraph':
      return joinSentences(block.sentences, lang);
    case 'steps':
      return block.items.map((item, i) => `${i + 1}. ${item[lang]}`).join('\n');
    case 'bullets':
      return block.items.map((item) => `- ${item[lang]}`).join('\n');
    case 'tasks':
      return block.items.map((item) => `- [${item.done ? 'x' : ' '}] ${item.text[lang]}`).join('\n');
    case 'table': {
      const row = (cells: readonly Phrase[]): string => `| ${cells.map((c) => cell(c[lang])).join(' | ')} |`;
      return [row(block.header), `|${block.header.map(() => ' --- |').join('')}`, ...block.rows.map(row)].join('\n');
    }
    case 'code':
      return `\`\`\`${block.lang}\n${block.code[lang]}\n\`\`\``;
    case 'callout':
      return `> [!${block.type}]\n> ${joinSentences(block.sentences, lang)}`;
  }
}

/** The Markdown of `blocks` in `lang`: blocks separated by one blank line, no trailing newline. */
export function renderMarkdown(blocks: readonly Block[], lang: Lang): string {
  return blocks.map((block) => renderBlock(block, lang)).join('\n\n');
}
