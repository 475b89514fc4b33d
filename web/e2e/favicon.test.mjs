// End-to-end: the built dashboard (web/dist, `npm run build` first) asks for its icon, the API's
// static route serves it, and loading the page logs no console error and gets no 4xx/5xx answer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { EcoboardServer } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

describe('favicon against the appliance', () => {
  const server = new EcoboardServer('run');
  let browser;

  before(async () => {
    await server.start();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  after(async () => {
    await browser?.close();
    await server.stop();
  });

  it('is served as SVG, and the page has no console error and no failed request', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = [];
    const failed = [];
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('response', (response) => { if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`); });
    const icon = page.waitForResponse((r) => new URL(r.url()).pathname === '/favicon.svg');
    await page.goto(`${server.url}/`);
    await page.locator('[data-connection=live]').waitFor();
    const answer = await icon;
    assert.equal(answer.status(), 200);
    assert.equal(answer.headers()['content-type'], 'image/svg+xml; charset=utf-8');
    assert.match(await answer.text(), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 32 32">/);
    assert.equal(await page.locator('link[rel=icon]').getAttribute('href'), '/favicon.svg');
    assert.deepEqual(failed, []);
    assert.deepEqual(errors, []);
  });
});
