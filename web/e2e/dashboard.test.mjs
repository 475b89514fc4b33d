// End-to-end: Debian's Chromium (playwright-core, no downloaded browser) against the real
// `ecoboard api`, fed by recorded provider data through the real fetch path and PostgreSQL + Redis.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { EcoboardServer, REPO } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PHONE = { width: 390, height: 844 };
// the README's picture is redrawn only when asked (ECOBOARD_SAVE_SCREENSHOT=1), so a test run
// leaves the checkout as it was
const SCREENSHOT = process.env.ECOBOARD_SAVE_SCREENSHOT === '1'
  ? join(REPO, 'docs/dashboard-phone.png')
  : join(mkdtempSync(join(tmpdir(), 'ecoboard-e2e-')), 'dashboard-phone.png');
const IND_HOU = '401437637';

describe('dashboard against the real API', () => {
  const server = new EcoboardServer();
  let browser;
  let page;

  before(async () => {
    server.fetchOnce('nfl');
    await server.start();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, timezoneId: 'America/New_York', locale: 'en-US' });
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await server.stop();
  });

  const cards = () => page.locator('[data-testid=nfl-games] article');
  const card = (id) => page.locator(`article[data-game-id="${id}"]`);

  it('shows the NFL week-1 games fetched from the recorded scoreboard', async () => {
    await page.goto(`${server.url}/#/nfl`);
    await page.locator('[data-connection=live]').waitFor();
    await cards().first().waitFor();
    assert.equal(await cards().count(), 16);
    assert.equal(await page.getByTestId('nfl-week').textContent(), ' · Week 1');
    const game = card(IND_HOU);
    assert.deepEqual(await game.locator('.team-abbr').allTextContents(), ['IND', 'HOU']);
    assert.deepEqual(await game.locator('.team-score').allTextContents(), ['20', '20']);
    assert.equal(await game.locator('.status').textContent(), '4th 1:01');
    assert.equal(await game.locator('.status-sub').textContent(), '1st & 10 · IND 23');
    // a kickoff at 20:25Z in the board's zone (America/Chicago), not the browser's (America/New_York)
    await card('401437640').locator('.status', { hasText: 'Sun 3:25 PM' }).waitFor();
    // the board follows NE (its default configuration) and this phone has chosen no team: NE's game first
    await page.locator('[data-testid=nfl-games] article:first-child[data-game-id="401437630"]').waitFor();
    assert.deepEqual(await page.locator('[data-testid=nfl-games] .team-followed .team-abbr').allTextContents(), ['NE']);
    assert.equal(await page.getByTestId('store-notice').textContent(), ''); // the store answers
  });

  it('shows a record written by another process without a reload', async () => {
    await page.evaluate(() => { window.__sameDocument = true; });
    const current = await server.getJson('/api/v1/records/nfl');
    const data = structuredClone(current.data);
    const game = data.games.find((g) => g.id === IND_HOU);
    Object.assign(game, { status: 'final', detail: 'Final/OT', period: 5, period_label: 'OT', clock: '0:00' });
    const version = server.writeRecord('nfl', current.source, data);
    assert.equal(version, current.version + 1);
    await page.locator(`article[data-game-id="${IND_HOU}"] .status`, { hasText: 'Final/OT' }).waitFor({ timeout: 10000 });
    assert.equal(await card(IND_HOU).locator('.status-sub').textContent(), 'Tie');
    assert.equal(await page.locator('.kind-status').getAttribute('data-version'), String(version));
    assert.equal(await page.evaluate(() => window.__sameDocument), true);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: SCREENSHOT });

    // a kind the page has never seen, fetched by `ecoboard fetch mlb --once` while the page is open
    server.fetchOnce('mlb');
    const mlb = await server.getJson('/api/v1/records/mlb');
    await page.getByRole('link', { name: 'MLB' }).click();
    await page.locator('[data-testid=mlb-games] article').first().waitFor({ timeout: 10000 });
    assert.equal(await page.locator('[data-testid=mlb-games] article').count(), mlb.data.games.length);
    assert.equal(await page.evaluate(() => window.__sameDocument), true);
  });

  it('reconnects after the API restarts and catches up on what it missed', async () => {
    await page.getByRole('link', { name: 'NFL' }).click();
    await cards().first().waitFor();
    const current = await server.getJson('/api/v1/records/nfl');
    const port = Number(new URL(server.url).port);
    await server.stopServer();
    await page.locator('[data-connection=reconnecting]').waitFor({ timeout: 10000 });
    // written while the API is down: no subscriber hears the publish, only the catch-up delivers it
    const data = structuredClone(current.data);
    data.games.find((g) => g.id === '401437632').away.score = 31; // BAL 24 → 31 @ NYJ
    server.writeRecord('nfl', current.source, data);
    await server.start(port);
    await page.locator('[data-connection=live]').waitFor({ timeout: 20000 });
    await page.locator('article[data-game-id="401437632"] .team-score', { hasText: '31' }).waitFor({ timeout: 10000 });
    assert.equal(await page.evaluate(() => window.__sameDocument), true);
  });

  it('hides the panel mirror without a display and shows the controls once a token is entered', async () => {
    await page.getByRole('link', { name: 'Panel' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    assert.equal(await page.getByTestId('panel-mirror').count(), 0); // `ecoboard api` answers 503
    assert.equal(await page.getByTestId('controls').count(), 0);
    await page.getByLabel('Control token (enables the panel buttons)').fill(server.token);
    await page.getByRole('button', { name: 'Save token' }).click();
    await page.getByTestId('controls').waitFor();

    const subscriber = spawn('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'SUBSCRIBE', `${server.prefix}control`]);
    let out = '';
    const heard = new Promise((resolve) => {
      subscriber.stdout.on('data', (chunk) => {
        out += chunk;
        const m = /^(\{.*"command".*\})$/m.exec(out);
        if (m) resolve(JSON.parse(m[1]));
      });
    });
    await new Promise((r) => setTimeout(r, 300)); // let SUBSCRIBE register before the click
    await page.getByRole('button', { name: 'next page' }).click();
    const message = await heard;
    subscriber.kill();
    assert.equal(message.command, 'next');
    assert.equal(await page.getByTestId('control-result').textContent(), 'next: done');
  });
});
