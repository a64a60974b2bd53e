import { parseHTML } from 'linkedom';

export const PAGE_WEIGHT_BUDGET_BYTES = 100 * 1024;

export interface PageCheck {
  bytes: number;
  /** Scripts in the head that hold up the first paint: no defer, no async, not a module. */
  blockingScripts: string[];
}

/** Weighs an HTML page and lists its render-blocking scripts. */
export function checkPage(html: Buffer): PageCheck {
  const { document } = parseHTML(html.toString('utf8'));
  const blockingScripts = [...document.querySelectorAll('head script')]
    .filter((script) => !script.hasAttribute('defer') && !script.hasAttribute('async') && script.getAttribute('type') !== 'module')
    .map((script) => script.getAttribute('src') ?? 'inline script');
  return { bytes: html.length, blockingScripts };
}
