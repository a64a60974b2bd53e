// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as Plot from '@observablehq/plot';
import { CHART_CLASS, renderPlot } from './charts.ts';

const points = [
  { date: new Date('2021-01-15T00:00:00Z'), percent: 10 },
  { date: new Date('2021-06-30T00:00:00Z'), percent: 40 },
];
const marks = [Plot.line(points, { x: 'date', y: 'percent' }), Plot.dot(points, { x: 'date', y: 'percent' })];

describe('server-side charts', () => {
  it('draws an SVG with the data in it', () => {
    const svg = renderPlot({ y: { domain: [0, 100] }, marks }, { id: 'progress', title: 'Progress', description: 'Two updates' });
    assert.match(svg, /^<svg[^>]* class="ogp-plot"/);
    assert.equal((svg.match(/<circle /g) ?? []).length, 2);
    assert.match(svg, /<path d="M[^"]+L[^"]+"/);
  });

  it('is one image named by its own title and description', () => {
    const svg = renderPlot({ marks }, { id: 'chart-1', title: 'Progress over time', description: 'From 10% to 40%' });
    const open = /^<svg[^>]*>/.exec(svg)?.[0] ?? '';
    assert.match(open, / role="img"/);
    assert.match(open, / id="chart-1"/);
    assert.match(open, / aria-labelledby="chart-1-title chart-1-desc"/);
    assert.match(svg, /<title id="chart-1-title">Progress over time<\/title><desc id="chart-1-desc">From 10% to 40%<\/desc>/);
    // Plot names its parts for screen readers; inside one image they are left unnamed.
    assert.doesNotMatch(svg, /aria-label=|aria-description=|aria-hidden=/);
  });

  it('leaves nothing that a style-src self policy would block', () => {
    const svg = renderPlot({ marks }, { id: 'c', title: 't', description: 'd' });
    assert.doesNotMatch(svg, /<style/);
    assert.doesNotMatch(svg, /\sstyle=/);
    assert.doesNotMatch(svg, /<script/);
    assert.ok(svg.includes(`class="${CHART_CLASS}"`));
  });

  it('escapes the text it is given', () => {
    const svg = renderPlot({ marks }, { id: 'c', title: '<script>alert(1)</script>', description: 'R&D "quoted"' });
    assert.ok(svg.includes('<title id="c-title">&lt;script&gt;alert(1)&lt;/script&gt;</title>'));
    assert.ok(svg.includes('R&amp;D'));
    assert.doesNotMatch(svg, /<script/);
  });

  it('refuses options that would make a figure rather than an SVG', () => {
    const text = { id: 'c', title: 't', description: 'd' };
    assert.throws(() => renderPlot({ marks, title: 'A title' } as Parameters<typeof renderPlot>[0], text), /put the title in the page/);
    assert.throws(() => renderPlot({ marks, color: { legend: true } }, text), /put the legend in the page/);
  });
});
