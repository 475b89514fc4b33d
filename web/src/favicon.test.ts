// The dashboard's icon: index.html links web/public/favicon.svg, which Vite copies to the root of
// web/dist, where the API's static route serves it (so the browser asks for no /favicon.ico).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WEB = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path: string) => readFileSync(join(WEB, path), 'utf8');

describe('favicon', () => {
  it('is linked from index.html as an SVG at /favicon.svg', () => {
    const html = new DOMParser().parseFromString(read('index.html'), 'text/html');
    const links = [...html.querySelectorAll('link[rel=icon]')].map((link) => [link.getAttribute('type'), link.getAttribute('href')]);
    expect(links).toEqual([['image/svg+xml', '/favicon.svg']]);
  });

  it('is a square SVG of LEDs drawn in the dashboard colours', () => {
    const svg = new DOMParser().parseFromString(read('public/favicon.svg'), 'image/svg+xml').documentElement;
    expect(svg.tagName).toBe('svg');
    expect(svg.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(svg.getAttribute('viewBox')).toBe('0 0 32 32');
    const lit = [...svg.querySelectorAll(':scope > circle')].map((led) => led.getAttribute('fill'));
    expect(lit.length).toBe(20);
    expect(new Set(lit)).toEqual(new Set(['#ffb347', '#ffd27f', '#5aa9ff', '#3ddc84']));
  });
});
