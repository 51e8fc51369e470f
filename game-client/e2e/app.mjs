/**
 * What the end-to-end tests and the screenshot script share: the packaged Quarkade app started on a free port with
 * its own throwaway database and keys, and a headless Chromium from the machine (never a downloaded browser).
 *
 * Settings (environment): QUARKADE_JAR (default ../target/quarkus-app/quarkus-run.jar), QUARKADE_JAVA (default
 * `java` on the PATH), CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const clientDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const targetDir = resolve(clientDir, '..', 'target');
const JAR = process.env.QUARKADE_JAR ?? join(targetDir, 'quarkus-app', 'quarkus-run.jar');
const JAVA = process.env.QUARKADE_JAVA ?? 'java';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** A cold start with the embedded PostgreSQL takes seconds; a busy 2-core CI machine needs the margin. */
// Deadlines, not waits: a machine with every core busy started the jar in 100 s (three CI runs at once, load 12).
const READY_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 15_000;

export const VIEWPORT = { width: 1280, height: 800 };
/** The operator account of `PackagedApp.start({ operator: true })` (listed in quarkade.admin.usernames). */
export const OPERATOR = { username: 'operator', password: 'operator-e2e-password' };

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** The packaged app as a child process; `stop()` always ends it and its database, and removes its files. */
export class PackagedApp {
  /**
   * Starts the jar and resolves once /q/health/ready (on the management port) answers UP. With `operator`, the operator account is registered
   * first and the app restarted with it listed in quarkade.admin.usernames, as an operator does it: a listed name
   * cannot be registered.
   */
  static async start({ operator = false } = {}) {
    if (!existsSync(JAR)) throw new Error(`${JAR} is missing: run ./mvnw package first`);
    const home = mkdtempSync(join(tmpdir(), 'quarkade-e2e-'));
    if (!operator) return PackagedApp.launch(home, []);
    const first = await PackagedApp.launch(home, []);
    try {
      await registerOperator(first.url);
    } finally {
      await first.stop({ keepFiles: true });
    }
    return PackagedApp.launch(home, [`-Dquarkade.admin.usernames=${OPERATOR.username}`]);
  }

  static async launch(home, options) {
    const port = await freePort();
    // The packaged app serves /q/* on its management interface, on a port of its own.
    const managementPort = await freePort();
    mkdirSync(join(targetDir, 'e2e'), { recursive: true });
    const logFile = join(targetDir, 'e2e', `app-${port}.log`);
    const log = createWriteStream(logFile);
    // -D options go before -jar, or Java hands them to the app as arguments.
    const child = spawn(
      JAVA,
      [
        `-Dquarkus.http.port=${port}`,
        '-Dquarkus.http.host=127.0.0.1',
        `-Dquarkus.management.port=${managementPort}`,
        '-Dquarkus.management.host=127.0.0.1',
        `-Dquarkade.embedded-db.data-dir=${join(home, 'pgdata')}`,
        `-Dquarkade.jwt.key-dir=${join(home, 'keys')}`,
        // Every test player signs in from 127.0.0.1: the per-address limits are not what these tests check.
        '-Dquarkade.auth.guests-per-address=10000',
        '-Dquarkade.auth.logins-per-address=10000',
        // On a loaded machine one bcrypt takes seconds: the hashing bound (429 server_busy) is not what they check either.
        '-Dquarkade.auth.max-concurrent-hashes=16',
        ...options,
        '-jar',
        JAR,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    const app = new PackagedApp(child, port, managementPort, home, logFile);
    try {
      await app.waitReady();
    } catch (e) {
      await app.stop();
      throw e;
    }
    return app;
  }

  constructor(child, port, managementPort, home, logFile) {
    this.child = child;
    this.url = `http://127.0.0.1:${port}`;
    this.managementUrl = `http://127.0.0.1:${managementPort}`;
    this.home = home;
    this.logFile = logFile;
    this.exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
    this.exitCode = null;
    void this.exited.then((e) => (this.exitCode = e));
    // A test runner that dies still takes the app down with it.
    this.onExit = () => this.killNow();
    this.onSignal = (signal) => {
      this.killNow();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once('exit', this.onExit);
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  async waitReady() {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.exitCode) throw new Error(`the app exited before it was ready (${JSON.stringify(this.exitCode)}):\n${this.logTail()}`);
      try {
        const res = await fetch(`${this.managementUrl}/q/health/ready`);
        if (res.ok && (await res.json()).status === 'UP') return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`the app was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${this.logTail()}`);
  }

  logTail(lines = 40) {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** SIGTERM lets Quarkus shut down and stop its PostgreSQL; SIGKILL if it takes too long. */
  async stop({ keepFiles = false } = {}) {
    process.removeListener('exit', this.onExit);
    process.removeListener('SIGINT', this.onSignal);
    process.removeListener('SIGTERM', this.onSignal);
    if (!this.exitCode) {
      this.child.kill('SIGTERM');
      const stopped = await Promise.race([this.exited, sleep(STOP_TIMEOUT_MS).then(() => null)]);
      if (!stopped) this.killNow();
      await this.exited;
    }
    this.killDatabase();
    if (!keepFiles) rmSync(this.home, { recursive: true, force: true });
  }

  killNow() {
    if (!this.exitCode) this.child.kill('SIGKILL');
    this.killDatabase();
  }

  /** The embedded PostgreSQL outlives a killed JVM; its postmaster.pid names it. SIGQUIT is its immediate stop. */
  killDatabase() {
    const pidFile = join(this.home, 'pgdata', 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return;
    try {
      process.kill(pid, 'SIGQUIT');
    } catch {
      // already gone
    }
  }
}

/** Headless Chromium from the machine. */
export function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A player in their own browser context (own sessionStorage, so own sign-in): opens the game and plays as guest.
 * Resolves on the lobby.
 */
export async function signInAsGuest(browser, baseUrl, name) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(baseUrl);
  await page.fill('#guest-name', name);
  await page.click('#play-guest');
  await page.waitForSelector('#quick-play', { timeout: 30_000 });
  return { context, page, name, errors };
}

/** Registers the operator account over the REST API (before its name is listed). */
export async function registerOperator(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(OPERATOR),
  });
  if (res.status !== 201) throw new Error(`registering the operator answered ${res.status}`);
}

/** Opens the operator console in its own context and signs in as the operator; resolves on the live room list. */
export async function openConsole(browser, baseUrl) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/admin`);
  await page.fill('#admin-username', OPERATOR.username);
  await page.fill('#admin-password', OPERATOR.password);
  await page.click('#admin-login');
  await page.waitForSelector('#live-rooms', { timeout: 30_000 });
  return { context, page, errors };
}

/** Presses Quick Play and resolves once the player is in a room, with WELCOME received. */
export async function quickPlay(page) {
  await page.click('#quick-play');
  await page.waitForFunction(() => window.quarkade.state().connected, null, { timeout: 15_000 });
  return page.evaluate(() => window.quarkade.state());
}

/** The player `entityId` as page `page` sees them, or undefined. */
export function playerSeenBy(page, entityId) {
  return page.evaluate((id) => window.quarkade.state().players.find((p) => p.entityId === id), entityId);
}
