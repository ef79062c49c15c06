// Helpers to drive a real VS Code workbench (code-server from npm, on the Node 24 that
// test/e2e/setup.sh installs) with playwright-core and Debian's Chromium, headless and offline:
// the browser resolves nothing but loopback and every non-loopback request is aborted.
// Everything polls for state (diagnostics arrive asynchronously); nothing sleeps and then asserts.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const CACHE = process.env.SECRETZERO_E2E_CACHE || '/tmp/sz-e2e';
const NODE24 = path.join(CACHE, 'node24', 'package', 'bin', 'node');
const CS_ENTRY = path.join(CACHE, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = Number(process.env.SZ_E2E_TIMEOUT_MS || 60_000);
const MOD = 'Control'; // Linux keybindings in the workbench

/** Monaco renders spaces as U+00A0; compare normalised text. */
const norm = (s) => (s || '').replace(/\u00a0/g, ' ');

/** Polls `probe` until it returns a truthy value; rejects with the last value after `timeout`. */
async function waitFor(probe, { timeout = TIMEOUT, interval = 150, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try { last = await probe(); } catch (e) { last = e; }
    if (last && !(last instanceof Error)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last instanceof Error ? ` (${last.message})` : last !== undefined ? ` (last: ${JSON.stringify(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

function isInstalled() {
  return fs.existsSync(NODE24) && fs.existsSync(CS_ENTRY) && fs.existsSync(CHROMIUM);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function get(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => { req.destroy(); resolve(0); });
  });
}

/** Environment for code-server: its state inside the cache, no marketplace, no telemetry. */
function codeServerEnv() {
  const env = { ...process.env };
  env.PATH = `${path.dirname(NODE24)}:${env.PATH}`;
  env.HOME = path.join(CACHE, 'home');
  env.XDG_CONFIG_HOME = path.join(CACHE, 'home', '.config');
  env.XDG_DATA_HOME = path.join(CACHE, 'home', '.local', 'share');
  env.XDG_CACHE_HOME = path.join(CACHE, 'home', '.cache');
  env.TMPDIR = path.join(CACHE, 'tmp'); // VS Code's IPC sockets live here: keep the path short
  env.EXTENSIONS_GALLERY = '{}';
  for (const k of Object.keys(env)) if (/^(VSCODE_|ELECTRON_)/.test(k)) delete env[k];
  fs.mkdirSync(env.TMPDIR, { recursive: true });
  return env;
}

/** User settings: no welcome page, chat, telemetry or update checks; the Problems panel shows only what the tests look at. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'security.workspace.trust.enabled': false,
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  // Other languages' own diagnostics would share the Problems panel; the tests look at secretzero's.
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
  'json.validate.enable': false,
  'workbench.editor.enablePreview': false,
};

/**
 * Starts code-server on 127.0.0.1 with a fresh user-data and extensions folder under `runDir`,
 * after installing the given .vsix files into it. Returns `{ url, stop }`.
 */
async function startCodeServer({ runDir, vsix = [], settings = {} }) {
  if (!isInstalled()) throw new Error(`VS Code e2e tools missing under ${CACHE}: run test/e2e/setup.sh`);
  const userData = path.join(runDir, 'user-data');
  const extensions = path.join(runDir, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  const env = codeServerEnv();
  const base = [CS_ENTRY, '--user-data-dir', userData, '--extensions-dir', extensions];
  const started = Date.now();
  if (vsix.length) {
    const r = spawnSync(NODE24, [...base, ...vsix.flatMap((v) => ['--install-extension', v]), '--force'], { env, encoding: 'utf8', timeout: 120_000 });
    fs.writeFileSync(path.join(runDir, 'install-extension.log'), `${r.stdout}\n${r.stderr}`);
    if (r.status !== 0) throw new Error(`installing ${vsix.join(', ')} failed:\n${r.stdout}\n${r.stderr}`);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(runDir, 'code-server.log'), 'a');
  // Its own process group, so stop() ends the server with everything it started (extension host, language server).
  const child = spawn(NODE24, [...base, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'], { env, stdio: ['ignore', log, log], detached: true });
  let exited = false;
  child.on('exit', () => { exited = true; });
  await waitFor(async () => exited ? new Error('code-server exited; see code-server.log') : (await get(`${url}/healthz`)) === 200, { timeout: 60_000, what: 'code-server /healthz' });
  const stop = async () => {
    if (exited) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
    await waitFor(() => exited, { timeout: 10_000, what: 'code-server exit' }).catch(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } });
  };
  return { url, port, pid: child.pid, stop, startupMs: Date.now() - started };
}

/** A headless Chromium with a throwaway profile that can reach only the loopback code-server. */
async function launchBrowser({ profileParent }) {
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(profileParent, 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
      '--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate,CertificateTransparencyComponentUpdater',
      '--disable-domain-reliability', '--disable-client-side-phishing-detection', '--no-default-browser-check',
    ],
  });
  const blocked = [];
  const consoleErrors = [];
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) || ['data:', 'blob:'].includes(u.protocol)) return route.continue();
    blocked.push(route.request().url());
    return route.abort();
  });
  const page = context.pages()[0] || (await context.newPage());
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, blocked, consoleErrors, close };
}

/** The workbench of one browser page: the actions a person takes, and what they would look at. */
class Workbench {
  constructor(page, { url, outDir }) {
    this.page = page;
    this.url = url;
    this.outDir = outDir;
    this.shots = 0;
  }

  async open(folder) {
    this.folder = folder;
    const page = this.page;
    await page.goto(`${this.url}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded', timeout: TIMEOUT });
    await page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUT });
    await page.locator('[id="status.problems"]').waitFor({ timeout: TIMEOUT });
  }

  /** The secretzero status bar item (the extension is active once it shows). */
  statusItem() {
    return this.page.locator('.statusbar-item').filter({ has: this.page.locator('[aria-label^="secretzero"]') })
      .or(this.page.locator('.statusbar-item[aria-label^="secretzero"]')).first();
  }

  async statusText() {
    const item = this.statusItem();
    if (!(await item.count())) return undefined;
    return norm(await item.innerText()).trim();
  }

  /** Waits until the status item's text satisfies `test` (a RegExp or predicate); returns the text. */
  async waitForStatus(test, what = `status bar ${test}`) {
    const ok = typeof test === 'function' ? test : (t) => test.test(t);
    return waitFor(async () => { const t = await this.statusText(); return t !== undefined && ok(t) && t; }, { what });
  }

  async focusWorkbench() {
    await this.page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 } }).catch(() => {});
  }

  /** Quick Open (Ctrl+P) with the absolute path: no fuzzy file search needed. */
  async openFile(rel) {
    const page = this.page;
    const abs = path.join(this.folder, rel);
    await this.focusWorkbench();
    await page.keyboard.press(`${MOD}+KeyP`);
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: TIMEOUT });
    await input.fill(abs);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(rel) }).first().waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Enter');
    await this.activeTab(path.basename(rel)).waitFor({ timeout: TIMEOUT });
    await this.editorLines().waitFor({ timeout: TIMEOUT });
  }

  activeTab(name) {
    return this.page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`);
  }

  editorLines() {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  }

  async editorText() {
    return norm(await this.editorLines().innerText());
  }

  async waitForSquiggle() {
    const squiggle = this.page.locator('.editor-group-container.active .monaco-editor [class*="squiggly-"]');
    await squiggle.first().waitFor({ state: 'attached', timeout: TIMEOUT });
    return squiggle.evaluateAll((els) => els.map((e) => e.className));
  }

  /** Command palette (F1; Ctrl+Shift+P can be taken by the browser). */
  async runCommand(label) {
    const page = this.page;
    await this.focusWorkbench();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: TIMEOUT });
    await input.fill(`>${label}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: TIMEOUT }).catch(() => {});
  }

  async showProblems() {
    const markers = this.page.locator('.markers-panel');
    if (await markers.isVisible().catch(() => false)) return markers;
    await this.focusWorkbench();
    await this.page.keyboard.press(`${MOD}+Shift+KeyM`);
    await markers.waitFor({ state: 'visible', timeout: 10_000 }).catch(async () => {
      await this.runCommand('View: Focus on Problems View');
      await markers.waitFor({ state: 'visible', timeout: TIMEOUT });
    });
    return markers;
  }

  problemRows(text) {
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    return text ? rows.filter({ hasText: text }) : rows;
  }

  /** The text of every rendered Problems row (file rows and marker rows). */
  async problemTexts() {
    return (await this.problemRows().allInnerTexts()).map((t) => norm(t).replace(/\s+/g, ' ').trim());
  }

  /** Types into the Problems panel's filter box (it matches messages, sources, rule codes and paths); '' clears it. */
  async filterProblems(text) {
    await this.showProblems();
    const input = this.page.locator('.part.panel .viewpane-filter input, .part.panel input[placeholder^="Filter"]').first();
    await input.waitFor({ state: 'visible', timeout: TIMEOUT });
    await input.fill(text);
  }

  async waitForProblem(text, what = `Problems row "${text}"`) {
    await this.showProblems();
    await waitFor(async () => (await this.problemRows(text).count()) > 0, { what });
    return this.problemRows(text).count();
  }

  /** Double-clicks the Problems row: the editor opens with the diagnostic's range selected. */
  async revealProblem(text) {
    await this.waitForProblem(text);
    await this.problemRows(text).first().dblclick();
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: TIMEOUT });
  }

  /** Ctrl+. on the problem; returns the menu's titles (menu left open). */
  async openQuickFixMenu(problemText, waitForTitle) {
    await this.revealProblem(problemText);
    const items = this.page.locator('.action-widget .monaco-list-row.action');
    // Ctrl+. can land while the editor is still taking focus, or the menu can close on a late
    // diagnostics update: ask again (bounded) rather than wait once for a menu that will not come.
    const deadline = Date.now() + TIMEOUT;
    for (;;) {
      await this.page.keyboard.press(`${MOD}+Period`);
      const shown = await items.first().waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false);
      if (shown) break;
      if (Date.now() > deadline) throw new Error(`no quick fix menu for "${problemText}"`);
      await this.page.keyboard.press('Escape');
      await this.revealProblem(problemText);
    }
    if (waitForTitle) await items.filter({ hasText: waitForTitle }).first().waitFor({ timeout: TIMEOUT });
    return (await items.allInnerTexts()).map(norm);
  }

  /** Applies the quick fix whose title contains `title` to the problem matching `problemText`. */
  async applyQuickFix(problemText, title) {
    const menu = await this.openQuickFixMenu(problemText, title);
    await this.page.locator('.action-widget .monaco-list-row.action').filter({ hasText: title }).first().click();
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ timeout: TIMEOUT });
    return menu;
  }

  async save() {
    await this.page.keyboard.press(`${MOD}+KeyS`);
    await waitFor(async () => (await this.page.locator('.tabs-container .tab.active.dirty').count()) === 0, { what: 'the editor to be saved' });
  }

  /** Keyboard hover (Ctrl+K Ctrl+I) at the cursor; returns the hover's text. */
  async hoverAtCursor(expect) {
    await this.page.keyboard.press(`${MOD}+KeyK`);
    await this.page.keyboard.press(`${MOD}+KeyI`);
    const hover = this.page.locator('.monaco-hover:not(.hidden)').filter({ hasText: expect }).first();
    await hover.waitFor({ state: 'visible', timeout: TIMEOUT });
    return norm(await hover.innerText());
  }

  async notificationTexts() {
    return (await this.page.locator('.notifications-toasts .notification-toast').allInnerTexts()).map(norm);
  }

  async waitForNotification(re, what = `notification ${re}`) {
    return waitFor(async () => (await this.notificationTexts()).find((t) => re.test(t)), { what });
  }

  async screenshot(name) {
    fs.mkdirSync(this.outDir, { recursive: true });
    const file = path.join(this.outDir, `${String(++this.shots).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

/** Waits until `file` on disk satisfies `test`; returns its text. */
function waitForFile(file, test, what = `${path.basename(file)} on disk`, timeout = TIMEOUT) {
  return waitFor(() => { const t = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''; return test(t) && t; }, { what, timeout });
}

module.exports = { CACHE, NODE24, CS_ENTRY, CHROMIUM, TIMEOUT, norm, waitFor, waitForFile, isInstalled, startCodeServer, launchBrowser, Workbench };
