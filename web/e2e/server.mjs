// The real ecoboard for the end-to-end test, on a free port with a control token in a secrets file:
// - `ecoboard api` (cluster mode): an isolated PostgreSQL schema and Redis channel prefix, fed by
//   `ecoboard fetch KIND --once --replay DIR` from a replay directory of recorded answers;
// - `ecoboard run --replay` (the appliance, local mode): SQLite in a temporary directory, the
//   in-process bus, the render loop without a sink, so the API has a live display.
// Everything is removed again by stop().
import { spawn, spawnSync } from 'node:child_process';
import { get } from 'node:http';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(REPO, '.venv/bin');
const PG = { host: '127.0.0.1', port: '5432', db: 'test', user: 'postgres' };
/** The zone the `ecoboard api` board is configured for. */
const TIMEZONE = 'America/Chicago';

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8', timeout: 60000, ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** The provider base URLs, read from the providers so the replay layout follows them. */
function baseUrls() {
  const code = 'from ecoboard.fetchers.providers import nfl_espn, mlb_statsapi\n'
    + 'print(nfl_espn.DEFAULT_BASE_URL); print(mlb_statsapi.DEFAULT_BASE_URL)';
  const [nfl, mlb] = run(join(BIN, 'python'), ['-c', code]).trim().split('\n');
  return { nfl, mlb };
}

/** DIR/<host>/<path>.json, as the replay transport reads it (README, "Fetchers"). */
function replayDir(root, fixtures) {
  const urls = baseUrls();
  for (const [url, fixture] of [
    [`${urls.nfl}/scoreboard`, 'espn/nfl-scoreboard-2022-week1-sunday-live-mixed.json'],
    [`${urls.mlb}/schedule`, 'mlb-statsapi/schedule-2022-04-07-opening-day-finals-2-postponed.json'],
  ]) {
    const u = new URL(url);
    const target = join(root, u.host, `${u.pathname}.json`);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(fixtures, fixture), target);
  }
  return root;
}

export class EcoboardServer {
  /** @param {'api' | 'run'} command */
  constructor(command = 'api') {
    this.command = command;
    this.id = `web_e2e_${process.pid}_${Date.now().toString(36)}`;
    this.dir = mkdtempSync(join(tmpdir(), 'ecoboard-web-e2e-'));
    this.token = `e2e-${Math.random().toString(36).slice(2)}`;
    this.config = join(this.dir, 'ecoboard.yaml');
    this.replay = command === 'api' ? replayDir(join(this.dir, 'replay'), join(REPO, 'tests/fixtures')) : null;
    this.prefix = `${this.id}:`;
    const secrets = join(this.dir, 'secrets.yaml');
    writeFileSync(secrets, `control_token: ${this.token}\n`);
    chmodSync(secrets, 0o600);
    const connections = command === 'api'
      ? [
        `timezone: ${TIMEZONE}`, // not the browser's (America/New_York): the dashboard must follow the board
        'mode: cluster',
        'store:',
        `  url: "postgresql://${PG.user}@${PG.host}:${PG.port}/${PG.db}?schema=${this.id}"`,
        'bus:',
        `  url: "redis://127.0.0.1:6379/0?prefix=${this.prefix}"`,
      ]
      : [
        'store:',
        `  url: "sqlite:///${join(this.dir, 'ecoboard.sqlite3')}"`,
        'bus:',
        '  url: "memory://"',
        'display:',
        '  sink: none',
        '  fps: 10',
      ];
    writeFileSync(this.config, [...connections, 'secrets:', `  file: "${secrets}"`, ''].join('\n'));
    this.proc = null;
    this.url = null;
  }

  /** `ecoboard fetch KIND --once --replay DIR`: one real fetch, stored and published. */
  fetchOnce(kind) {
    return run(join(BIN, 'ecoboard'), ['fetch', kind, '--once', '--replay', this.replay, '--config', this.config]);
  }

  /** Write `data` as the next record of `kind` from another process; returns the new version. */
  writeRecord(kind, source, data) {
    const file = join(this.dir, `${kind}-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(data));
    const out = run(join(BIN, 'python'), [join(REPO, 'web/e2e/write_record.py'), this.config, kind, source, file]);
    return Number(out.trim());
  }

  /** Start the server (on `port`, default any free one) and wait until it serves. */
  async start(port = 0) {
    const args = this.command === 'api'
      ? ['api', '--port', String(port), '--host', '127.0.0.1', '--config', this.config]
      : ['run', '--replay', '--port', String(port), '--config', this.config];
    const proc = spawn(join(BIN, 'ecoboard'), args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    let log = '';
    proc.stderr.on('data', (chunk) => { log += chunk; });
    this.url = await new Promise((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`ecoboard ${this.command} did not start in 30 s:\n${log}`)), 30000);
      let out = '';
      proc.stdout.on('data', (chunk) => {
        out += chunk;
        const m = /(http:\/\/[\d.]+:[1-9]\d*)\//.exec(out); // "serving http://…/" or "dashboard at http://…/"
        if (m) { clearTimeout(timer); resolveUrl(m[1]); }
      });
      proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`ecoboard ${this.command} exited ${code}:\n${log}`)); });
    });
    return this.url;
  }

  /**
   * GET a JSON route on a fresh connection. (A pooled keep-alive socket that the server has just
   * closed for idleness makes Node's fetch fail now and then; a test must not depend on that race.)
   */
  getJson(path) {
    return new Promise((resolveJson, reject) => {
      get(`${this.url}${path}`, { agent: false, headers: { Accept: 'application/json' } }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => { body += chunk; });
        response.on('end', () => {
          if (response.statusCode !== 200) reject(new Error(`GET ${path}: HTTP ${response.statusCode} ${body}`));
          else resolveJson(JSON.parse(body));
        });
      }).on('error', reject);
    });
  }

  /** SIGTERM the server and wait for it to exit. */
  async stopServer() {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(timer);
    this.proc = null;
  }

  /** Stop the server, drop the schema, remove the temporary directory. */
  async stop() {
    await this.stopServer();
    if (this.command === 'api') spawnSync('psql', ['-h', PG.host, '-p', PG.port, '-U', PG.user, '-d', PG.db, '-q', '-c',
      `DROP SCHEMA IF EXISTS "${this.id}" CASCADE`], { encoding: 'utf8' });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
