/**
 * The operator console end to end: the packaged app started with quarkade.admin.usernames=operator, two guests
 * playing in one room, and the operator watching them at /admin and kicking one. Run with `npm run e2e`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, openConsole, PackagedApp, quickPlay, signInAsGuest } from './app.mjs';

describe('operator console, end to end', { timeout: 600_000 }, () => {
  let app;
  let browser;

  before(async () => {
    browser = await launchBrowser();
    app = await PackagedApp.start({ operator: true });
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('the console shows both players of a live room and kicks one with a reason', { timeout: 150_000 }, async () => {
    const alice = await signInAsGuest(browser, app.url, 'Alice');
    const bob = await signInAsGuest(browser, app.url, 'Bob');
    const { roomId } = await quickPlay(alice.page);
    assert.equal((await quickPlay(bob.page)).roomId, roomId);

    const console = await openConsole(browser, app.url);
    const row = `#live-rooms tr[data-room="${roomId}"]`;
    // The feed refreshes every second: both players appear in the room's row, then in its detail, connected.
    await console.page.waitForFunction(
      (sel) => {
        const text = document.querySelector(sel)?.textContent ?? '';
        return text.includes('Alice') && text.includes('Bob') && text.includes('2 / ');
      },
      row,
      { timeout: 15_000 },
    );
    await console.page.click(row);
    await console.page.waitForFunction(
      () => [...document.querySelectorAll('#room-players tbody tr')].filter((tr) => tr.textContent.includes('connected')).length === 2,
      null,
      { timeout: 10_000 },
    );
    // Charts are drawn from the feed's history.
    assert.equal(await console.page.locator('#room-detail .chart canvas').count(), 3);

    const bobId = (await bob.page.evaluate(() => window.quarkade.state())).playerId;
    await console.page.fill('#action-reason', 'testing the kick');
    await console.page.click(`#room-players tr[data-player="${bobId}"] button[data-kick]`);
    await console.page.waitForFunction(() => document.querySelector('#action-message')?.textContent?.includes('kicked'), null, { timeout: 10_000 });

    // Bob is back in his lobby and told why; Alice plays on; the console shows the room with Alice alone.
    await bob.page.waitForFunction(() => document.body.textContent.includes('testing the kick'), null, { timeout: 10_000 });
    assert.equal((await alice.page.evaluate(() => window.quarkade.state())).connected, true);
    await console.page.waitForFunction(
      (sel) => {
        const text = document.querySelector(sel)?.textContent ?? '';
        return text.includes('Alice') && !text.includes('Bob') && text.includes('1 / ');
      },
      row,
      { timeout: 10_000 },
    );
    // The kick is in the admin actions list.
    await console.page.waitForFunction(() => document.querySelector('#admin-actions')?.textContent?.includes('testing the kick'), null, { timeout: 10_000 });

    assert.deepEqual(console.errors, [], 'no script errors in the console');
    assert.deepEqual(alice.errors, []);
    await Promise.all([alice.context.close(), bob.context.close(), console.context.close()]);
  });

  test('a player who is not an operator is refused', { timeout: 90_000 }, async () => {
    const res = await fetch(`${app.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'mallory', password: 'not-an-operator' }),
    });
    assert.equal(res.status, 201);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/admin`);
    await page.fill('#admin-username', 'mallory');
    await page.fill('#admin-password', 'not-an-operator');
    await page.click('#admin-login');
    await page.waitForFunction(() => document.querySelector('#login-error')?.textContent?.includes('403'), null, { timeout: 10_000 });
    assert.equal(await page.locator('#live-rooms').count(), 0);
    await context.close();
  });
});
