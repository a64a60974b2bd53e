import { parseHTML } from 'linkedom';
import { EVIDENCE_LINKS_MAX, isWebAddress } from '../commitments/evidence-links.ts';

// The US tracker's progress texts are HTML and Markdown mixed. They are stored as plain text (a page
// escapes what it shows, so no markup is kept); every link in them is kept as an evidence link.

export interface PlainText {
  text: string;
  links: string[];
}

const MARKDOWN_LINK = /\[([^\]]*)\]\(([^)]+)\)/g;
const BARE_URL = /https?:\/\/[^\s<>"')\]]+/g;

/** A link as a reader can follow it: "https:https://x" repaired, spaces encoded; null when it is not a web address. */
function cleanLink(href: string): string | null {
  const repaired = href
    .trim()
    .replace(/^https?:(?=https?:\/\/)/i, '')
    .replace(/ /g, '%20')
    .replace(/[.,;:]+$/, '');
  return isWebAddress(repaired) ? repaired : null;
}

/** Plain text and the links of an HTML/Markdown fragment; line breaks kept, runs of blank lines folded. */
export function htmlToText(fragment: string): PlainText {
  const found: string[] = [];
  const { document } = parseHTML(`<!doctype html><html><body>${fragment.replace(/<br\s*\/?>[ \t]*(\r?\n)?/gi, '\n')}</body></html>`);
  for (const anchor of document.querySelectorAll('a[href]')) {
    const href = anchor.getAttribute('href') ?? '';
    found.push(href);
    // An empty link would vanish from the text; its address stands in for it.
    if ((anchor.textContent ?? '').trim() === '') anchor.textContent = href;
  }
  let text = document.body.textContent ?? '';
  text = text.replace(MARKDOWN_LINK, (_whole, label: string, href: string) => {
    found.push(href);
    return label.trim() || href;
  });
  for (const match of text.matchAll(BARE_URL)) found.push(match[0]);
  const links: string[] = [];
  for (const href of found) {
    const link = cleanLink(href);
    if (link && !links.includes(link) && links.length < EVIDENCE_LINKS_MAX) links.push(link);
  }
  const lines = text.split(/\r?\n/).map((line) => line.replace(/[ \t]+/g, ' ').trim());
  return { text: lines.join('\n').replace(/\n{3,}/g, '\n\n').trim(), links };
}
