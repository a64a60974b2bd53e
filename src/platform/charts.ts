import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

// Charts drawn on the server as plain SVG, so they show without JavaScript, print, and pass our
// Content-Security-Policy. Plot builds them in a linkedom document; what it adds that the policy
// would block (a <style> element, style attributes) is removed, and src/assets/_charts.scss styles
// the `ogp-plot` class instead. Every chart is one image to assistive technology, named by its
// title and description; the page must also give its data as a table, the accessible equivalent.

/** The class on every chart's <svg>, styled in src/assets/_charts.scss. */
export const CHART_CLASS = 'ogp-plot';

export interface ChartText {
  /** Unique on the page: the <title> and <desc> ids are made from it. */
  id: string;
  /** What the chart is, in a few words, in the reader's language. */
  title: string;
  /** What it shows, in a sentence or two, in the reader's language. */
  description: string;
}

/** Options for Plot, less those that turn its result into an HTML <figure>: the page gives captions and legends. */
export type ChartOptions = Omit<Plot.PlotOptions, 'title' | 'subtitle' | 'caption' | 'document' | 'className'>;

const FIGURE_OPTIONS = ['title', 'subtitle', 'caption'] as const;

function onlySvg(options: ChartOptions): void {
  const asked = options as Record<string, unknown>;
  for (const name of FIGURE_OPTIONS) {
    if (asked[name] !== undefined) throw new Error(`renderPlot draws the SVG only: put the ${name} in the page`);
  }
  const legends = [options.color, options.symbol, options.opacity, options.r].some((scale) => (scale as { legend?: unknown } | undefined)?.legend);
  if (legends) throw new Error('renderPlot draws the SVG only: put the legend in the page');
}

/** Draws the chart and returns its <svg> as markup, safe under `style-src 'self'` and named for screen readers. */
export function renderPlot(options: ChartOptions, text: ChartText): string {
  return drawPlot(options, text).outerHTML;
}

// An image stands alone: the page's stylesheet never reaches inside it, so it carries its own namespace and the
// text colour and size that src/assets/_charts.scss gives charts drawn into a page.
const IMAGE_ATTRIBUTES = { xmlns: 'http://www.w3.org/2000/svg', color: '#0b0c0c', 'font-size': '12' };

/** The same chart as a standalone SVG document, for a page to show with <img> and browsers to keep. */
export function renderPlotImage(options: ChartOptions, text: ChartText): string {
  const chart = drawPlot(options, text);
  for (const [name, value] of Object.entries(IMAGE_ATTRIBUTES)) chart.setAttribute(name, value);
  return chart.outerHTML;
}

function drawPlot(options: ChartOptions, text: ChartText): Element {
  onlySvg(options);
  const { document } = parseHTML('<!DOCTYPE html><html><body></body></html>');
  const chart = Plot.plot({ ...options, className: CHART_CLASS, document: document as unknown as Document }) as unknown as Element;
  if (chart.tagName.toLowerCase() !== 'svg') throw new Error('Plot drew a figure rather than a bare SVG');

  // Inline styles: the policy would refuse them, and the stylesheet does their work.
  for (const style of [...chart.querySelectorAll('style')]) style.remove();
  for (const element of [chart, ...chart.querySelectorAll('[style]')]) element.removeAttribute('style');

  // One image, named by its own title and description; the parts inside need no names of their own.
  for (const element of [chart, ...chart.querySelectorAll('*')]) {
    for (const attribute of ['aria-label', 'aria-description', 'aria-hidden']) element.removeAttribute(attribute);
  }
  const titleId = `${text.id}-title`;
  const descId = `${text.id}-desc`;
  const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.setAttribute('id', titleId);
  title.textContent = text.title;
  const desc = document.createElementNS('http://www.w3.org/2000/svg', 'desc');
  desc.setAttribute('id', descId);
  desc.textContent = text.description;
  chart.prepend(title, desc);
  chart.setAttribute('id', text.id);
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-labelledby', `${titleId} ${descId}`);
  return chart;
}
