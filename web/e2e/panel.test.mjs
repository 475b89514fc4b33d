// End-to-end: the LED panel mirror, the control buttons and the reminder's done mark against the real
// appliance (`ecoboard run --replay`: render loop, local fetchers on recorded answers, API) in Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { EcoboardServer } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

describe('panel mirror and controls against the appliance', () => {
  const server = new EcoboardServer('run');
  let browser;
  let page;
  const display = () => server.getJson('/api/v1/display');
  const until = async (check, what, ms = 15000) => {
    const end = Date.now() + ms;
    for (;;) {
      const state = await display();
      if (check(state)) return state;
      if (Date.now() > end) throw new Error(`${what}: display state stayed ${JSON.stringify(state)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  const pausePlay = () => page.getByTestId('controls').getByRole('button', { name: /^(❚❚ Pause|▶ Play)$/ });
  /** The page's next GET /api/v1/display answered, and the frame after it drawn (React has applied it). */
  const nextStateRead = async () => {
    await page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/display' && r.request().method() === 'GET');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  };

  before(async () => {
    await server.start();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'America/New_York' });
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await server.stop();
  });

  it('mirrors the live frame, refreshed, with the current page', async () => {
    await page.goto(`${server.url}/#/panel`);
    await page.getByTestId('panel-mirror').waitFor({ timeout: 15000 });
    await page.waitForFunction(() => {
      const img = document.querySelector('img.panel-frame');
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
    });
    const size = await page.locator('img.panel-frame').evaluate((img) => [img.naturalWidth, img.naturalHeight]);
    assert.deepEqual(size, [512, 256]); // 128×64 LEDs at scale 4
    assert.equal(await page.locator('img.panel-frame').evaluate((img) => getComputedStyle(img).imageRendering), 'pixelated');
    const first = await page.locator('img.panel-frame').getAttribute('src');
    await page.waitForFunction((src) => document.querySelector('img.panel-frame')?.getAttribute('src') !== src, first);
    const state = await display();
    await page.locator('.mirror h2', { hasText: state.pages[state.page_index] }).waitFor();
    assert.equal(await page.getByTestId('controls').count(), 0); // no token entered yet
    // From here on, note the page name beside the picture each time the picture or the name changes.
    await page.evaluate(() => {
      const seen = [];
      window.mirrorSeen = seen;
      const note = () => {
        const img = document.querySelector('img.panel-frame');
        const name = document.querySelector('[data-testid="mirror-page"]');
        if (img && name) seen.push({ src: img.getAttribute('src'), frame: img.dataset.page, name: name.textContent });
      };
      new MutationObserver(note).observe(document.querySelector('.mirror'), {
        subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['src', 'data-page'],
      });
    });
  });

  it('names beside the picture the page that picture was drawn for (the frame response names it)', async () => {
    const response = await fetch(`${server.url}/api/v1/display/frame.png`);
    assert.equal(response.status, 200);
    const state = await display();
    const named = response.headers.get('ecoboard-page');
    assert.ok(state.pages.includes(named), `${named} is one of ${state.pages}`);
    assert.match(response.headers.get('ecoboard-page-index'), /^\d+$/);
    assert.equal(state.pages[Number(response.headers.get('ecoboard-page-index'))], named);
    assert.ok(['true', 'false'].includes(response.headers.get('ecoboard-paused')));
    const img = page.locator('img.panel-frame');
    const frame = await img.getAttribute('data-page');
    assert.ok(state.pages.includes(frame), `the shown frame names its page: ${frame}`);
    await page.getByTestId('mirror-page').filter({ hasText: ` · ${frame}` }).waitFor();
  });

  it('pauses, steps and dims the panel once the token is entered; a wrong token is refused', async () => {
    await page.getByLabel('Control token (enables the panel buttons)').fill(server.token);
    await page.getByRole('button', { name: 'Save token' }).click();
    await page.getByTestId('controls').waitFor();

    await page.getByRole('button', { name: '❚❚ Pause' }).click();
    // the tap shows as soon as the command is accepted, without waiting for the 3 s state poll...
    await page.getByTestId('control-result').filter({ hasText: 'pause: done' }).waitFor();
    assert.deepEqual(await pausePlay().allTextContents(), ['▶ Play']);
    const paused = await until((s) => s.paused, 'pause');
    // ...and the state reads after it never turn the button back
    await nextStateRead();
    await nextStateRead();
    assert.deepEqual(await pausePlay().allTextContents(), ['▶ Play']);

    await page.getByRole('button', { name: 'next page' }).click();
    const stepped = await until((s) => s.page_index === (paused.page_index + 1) % paused.pages.length, 'next');
    await page.locator('.mirror h2', { hasText: `${stepped.pages[stepped.page_index]} · paused` }).waitFor({ timeout: 10000 });

    const slider = page.getByRole('slider');
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await until((s) => s.brightness === paused.brightness - 1, 'brightness');

    await page.getByRole('button', { name: '▶ Play' }).click();
    await page.getByTestId('control-result').filter({ hasText: 'play: done' }).waitFor();
    assert.deepEqual(await pausePlay().allTextContents(), ['❚❚ Pause']);
    await until((s) => !s.paused, 'play');
    await nextStateRead();
    assert.deepEqual(await pausePlay().allTextContents(), ['❚❚ Pause']);

    // Through pause, next and play, the name beside the picture was always the picture's own page.
    const seen = await page.evaluate(() => window.mirrorSeen);
    assert.ok(seen.some((s) => s.frame === stepped.pages[stepped.page_index]), JSON.stringify(seen.slice(-5)));
    for (const s of seen) assert.ok([` · ${s.frame}`, ` · ${s.frame} · paused`].includes(s.name), JSON.stringify(s));

    await page.getByRole('button', { name: 'Forget token' }).click();
    await page.getByLabel('Control token (enables the panel buttons)').fill('not-the-token');
    await page.getByRole('button', { name: 'Save token' }).click();
    await page.getByRole('button', { name: 'next page' }).click();
    assert.equal(await page.getByTestId('control-result').textContent(), 'token rejected');
  });

  it('marks the reminder done and undoes it; the mark shown is the record the appliance stored', async () => {
    const result = page.getByTestId('control-result');
    const mark = page.getByTestId('reminder-mark');
    await assert.rejects(server.getJson('/api/v1/records/reminder'), /HTTP 404/); // nothing marked yet
    await page.getByRole('button', { name: 'Reminder done' }).click(); // still the wrong token
    await result.filter({ hasText: 'token rejected' }).waitFor();
    assert.equal(await mark.count(), 0);

    await page.getByRole('button', { name: 'Forget token' }).click();
    await page.getByLabel('Control token (enables the panel buttons)').fill(server.token);
    await page.getByRole('button', { name: 'Save token' }).click();
    await page.getByRole('button', { name: 'Reminder done' }).click();
    await result.filter({ hasText: 'reminder: marked done' }).waitFor();
    await mark.waitFor({ timeout: 5000 }); // from the record over SSE
    const record = await server.getJson('/api/v1/records/reminder');
    assert.equal(record.kind, 'reminder');
    assert.ok(record.data.done_at, JSON.stringify(record));
    const { timezone } = await server.getJson('/api/v1/board');
    const time = new Intl.DateTimeFormat('en-US', { weekday: 'short', hour: 'numeric', minute: '2-digit', timeZone: timezone })
      .format(new Date(record.data.done_at));
    const spaced = (text) => text.replace(/\s/g, ' '); // ICU may put a narrow no-break space before AM/PM
    assert.equal(spaced(await mark.textContent()), spaced(`Marked done ${time}`));

    await page.getByRole('button', { name: 'Undo' }).click();
    await result.filter({ hasText: 'reminder: undone' }).waitFor();
    await mark.waitFor({ state: 'detached', timeout: 5000 });
    const undone = await server.getJson('/api/v1/records/reminder');
    assert.deepEqual([undone.data, undone.version > record.version], [{ done_at: null }, true]);
  });
});
