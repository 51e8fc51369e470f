/**
 * Takes the README's screenshots from the packaged app: docs/screenshots/lobby.png (a third player's lobby listing
 * the room), docs/screenshots/arena-two-players.png (Alice's arena with Bob in it), both 1280x800, and
 * docs/screenshots/admin.png (the operator console watching that room, its charts after half a minute of play).
 * Run by hand after `./mvnw package`: `npm run screenshots` in game-client/.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openConsole, PackagedApp, quickPlay, signInAsGuest } from './app.mjs';

const out = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');

/** Holds the up or down key for `ms`, towards the middle of the field so nobody ends up against a wall. */
async function stroll(page, ms) {
  const { y } = await page.evaluate(() => {
    const s = window.quarkade.state();
    return s.players.find((p) => p.entityId === s.entityId);
  });
  const key = y > 500 ? 'ArrowUp' : 'ArrowDown';
  await page.keyboard.down(key);
  await page.waitForTimeout(ms);
  await page.keyboard.up(key);
}

const app = await PackagedApp.start({ operator: true });
let browser;
try {
  browser = await launchBrowser();
  const alice = await signInAsGuest(browser, app.url, 'Alice');
  const bob = await signInAsGuest(browser, app.url, 'Bob');
  const { roomId } = await quickPlay(alice.page);
  await quickPlay(bob.page);

  // A little play so the scoreboard, chat and HUD have something to show.
  await bob.page.fill('.side input', 'gl hf!');
  await bob.page.press('.side input', 'Enter');
  await alice.page.fill('.side input', 'you too');
  await alice.page.press('.side input', 'Enter');
  await stroll(alice.page, 400);
  await stroll(bob.page, 400);
  await alice.page.waitForFunction(() => document.querySelector('#hud-ping')?.textContent?.endsWith('ms'), null, { timeout: 10_000 });
  await alice.page.waitForFunction(() => document.querySelectorAll('.chat-log li').length >= 2, null, { timeout: 5000 });

  const carol = await signInAsGuest(browser, app.url, 'Carol');
  await carol.page.waitForFunction((id) => document.querySelector('.rooms')?.textContent?.includes(id), roomId, { timeout: 10_000 });

  mkdirSync(out, { recursive: true });
  await carol.page.screenshot({ path: join(out, 'lobby.png') });
  await alice.page.screenshot({ path: join(out, 'arena-two-players.png') });

  // The console: open early so its charts have some history, keep both players moving meanwhile.
  const operator = await openConsole(browser, app.url);
  await operator.page.waitForSelector(`#live-rooms tr[data-room="${roomId}"]`, { timeout: 15_000 });
  await operator.page.click(`#live-rooms tr[data-room="${roomId}"]`);
  for (let i = 0; i < 12; i++) {
    await stroll(alice.page, 900);
    await stroll(bob.page, 900);
  }
  await operator.page.fill('#search-room', roomId);
  await operator.page.click('form.row button[type=submit]');
  await operator.page.waitForSelector('#search-results table', { timeout: 10_000 });
  await operator.page.screenshot({ path: join(out, 'admin.png'), fullPage: true });
  console.log(`saved lobby.png, arena-two-players.png and admin.png in ${out}`);
} finally {
  await browser?.close();
  await app.stop();
}
