/**
 * The game end to end: the packaged app, real browsers, two players in one arena. Run with `npm run e2e` after
 * `./mvnw package` (./mvnw verify runs it in the integration-test phase).
 *
 * The tests share one app and one pair of players, in order: join and move, drop and resume, the lobby listing, chat.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, PackagedApp, playerSeenBy, quickPlay, signInAsGuest } from './app.mjs';

/** How far a player must be seen to move while the key is held for a second (about 360 units at 30 Hz). */
const MIN_TRAVEL = 120;
const HOLD_MS = 1000;

/** 71 Chinese characters, 213 bytes of UTF-8: more than the 200 a chat line may have. */
const LONG_CHINESE = '今天我们在竞技场里一起收集光球吧谁先拿到最多谁就赢'.repeat(3).slice(0, 71);

/**
 * Holds the WASD key that moves `player` horizontally (D or A, towards the far side) or vertically (S or W) for
 * HOLD_MS, and resolves once `watcher` has seen them travel MIN_TRAVEL that way.
 */
async function walkWithWasd(player, watcher, entityId, axis) {
  const start = await playerSeenBy(watcher.page, entityId);
  const towardsEnd = axis === 'x' ? start.x < 800 : start.y < 500;
  const key = axis === 'x' ? (towardsEnd ? 'KeyD' : 'KeyA') : towardsEnd ? 'KeyS' : 'KeyW';
  const direction = towardsEnd ? 1 : -1;
  await player.page.keyboard.down(key);
  try {
    await player.page.waitForTimeout(HOLD_MS);
  } finally {
    await player.page.keyboard.up(key);
  }
  await watcher.page.waitForFunction(
    ({ id, axis, from, direction, min }) => {
      const p = window.quarkade.state().players.find((q) => q.entityId === id);
      return p && (p[axis] - from) * direction >= min;
    },
    { id: entityId, axis, from: start[axis], direction, min: MIN_TRAVEL },
    { timeout: 5000 },
  );
}

/** Polls `check` until it returns a truthy value or the deadline passes; the last failure explains a timeout. */
async function eventually(what, check, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

describe('arena, end to end', { timeout: 600_000 }, () => {
  let app;
  let browser;
  let alice;
  let bob;
  let aliceJoined;

  before(async () => {
    browser = await launchBrowser(); // first: a missing Chromium fails before the app is started
    app = await PackagedApp.start();
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('two players join one room and each sees the other move', { timeout: 40_000 }, async () => {
    alice = await signInAsGuest(browser, app.url, 'Alice');
    bob = await signInAsGuest(browser, app.url, 'Bob');
    // One after the other: Quick Play puts Bob in the fullest open room, the one Alice just opened.
    aliceJoined = await quickPlay(alice.page);
    const bobJoined = await quickPlay(bob.page);
    assert.equal(bobJoined.roomId, aliceJoined.roomId, 'Quick Play put both players in the same room');
    assert.notEqual(bobJoined.seat, aliceJoined.seat);
    assert.notEqual(bobJoined.playerId, aliceJoined.playerId);

    await bob.page.waitForFunction((id) => window.quarkade.state().players.some((p) => p.entityId === id && p.name === 'Alice'), aliceJoined.entityId, {
      timeout: 5000,
    });
    await alice.page.waitForFunction((id) => window.quarkade.state().players.some((p) => p.entityId === id && p.name === 'Bob'), bobJoined.entityId, {
      timeout: 5000,
    });

    // Walk towards the far side so the wall never stops the move (spawns are random across the field).
    const start = await playerSeenBy(bob.page, aliceJoined.entityId);
    const direction = start.x < 800 ? 1 : -1;
    const key = direction > 0 ? 'ArrowRight' : 'ArrowLeft';
    await alice.page.keyboard.down(key);
    try {
      await alice.page.waitForTimeout(HOLD_MS);
    } finally {
      await alice.page.keyboard.up(key);
    }

    await bob.page.waitForFunction(
      ({ id, x0, direction, min }) => {
        const p = window.quarkade.state().players.find((q) => q.entityId === id);
        return p && (p.x - x0) * direction >= min;
      },
      { id: aliceJoined.entityId, x0: start.x, direction, min: MIN_TRAVEL },
      { timeout: 5000 },
    );
    // Once Alice stops, both pages settle on the same authoritative position.
    await eventually('both pages to agree on where Alice is', async () => {
      const mine = await playerSeenBy(alice.page, aliceJoined.entityId);
      const seen = await playerSeenBy(bob.page, aliceJoined.entityId);
      return mine && seen && mine.x === seen.x && mine.y === seen.y;
    });
    const moved = await playerSeenBy(bob.page, aliceJoined.entityId);
    assert.equal(moved.y, start.y, 'a horizontal move keeps y');
  });

  test('a dropped player resumes their seat and keeps position and score', { timeout: 40_000 }, async () => {
    assert.ok(aliceJoined, 'needs the players of the previous test');
    // Alice's last inputs may still be in flight: take her position once it has stayed put for 400 ms.
    const before = await eventually('Alice to be at rest', async () => {
      const first = await alice.page.evaluate(() => window.quarkade.state());
      await new Promise((ok) => setTimeout(ok, 400));
      const second = await alice.page.evaluate(() => window.quarkade.state());
      const a = first.players.find((p) => p.entityId === first.entityId);
      const b = second.players.find((p) => p.entityId === second.entityId);
      return a && b && a.x === b.x && a.y === b.y ? second : null;
    }, 10_000);
    const own = before.players.find((p) => p.entityId === before.entityId);
    assert.ok(own, 'Alice sees herself');

    // Record every state the page goes through: the reconnecting phase is short (a 125-250 ms back-off, then WELCOME).
    await alice.page.evaluate(() => {
      const seen = (window.__e2eSeen = { reconnecting: false, connectedAgain: false });
      const timer = setInterval(() => {
        const s = window.quarkade.state();
        if (s.reconnecting) seen.reconnecting = true;
        else if (seen.reconnecting && s.connected) {
          seen.connectedAgain = true;
          clearInterval(timer);
        }
      }, 5);
      window.quarkade.debug.dropConnection();
    });
    await alice.page.waitForFunction(() => window.__e2eSeen.reconnecting, null, { timeout: 5000 });
    await alice.page.waitForFunction(() => window.__e2eSeen.connectedAgain, null, { timeout: 15_000 });

    const afterDrop = await alice.page.evaluate(() => window.quarkade.state());
    assert.equal(afterDrop.reconnecting, false);
    assert.equal(afterDrop.connected, true);
    assert.equal(afterDrop.roomId, before.roomId);
    assert.equal(afterDrop.playerId, before.playerId);
    assert.equal(afterDrop.seat, before.seat, 'same seat');
    assert.equal(afterDrop.entityId, before.entityId, 'same entity');
    const ownAfter = afterDrop.players.find((p) => p.entityId === before.entityId);
    assert.deepEqual(
      { x: ownAfter.x, y: ownAfter.y, score: ownAfter.score },
      { x: own.x, y: own.y, score: own.score },
      'position and score survive the drop',
    );

    // Bob never lost Alice: same entity, same place, same name.
    const seenByBob = await eventually('Bob to see Alice back', async () => {
      const p = await playerSeenBy(bob.page, before.entityId);
      return p && p.name === 'Alice' ? p : null;
    });
    assert.deepEqual({ x: seenByBob.x, y: seenByBob.y, score: seenByBob.score }, { x: own.x, y: own.y, score: own.score });
    // The ROSTER after the resume marks Alice connected again: Bob's scoreboard shows her without "(away)".
    await bob.page.waitForFunction(
      () => {
        const row = [...document.querySelectorAll('.scoreboard li')].find((li) => li.textContent.includes('Alice'));
        return row && !/away|lagging/.test(row.textContent);
      },
      null,
      { timeout: 5000 },
    );
    assert.equal(await alice.page.isHidden('#reconnecting'), true, 'the Reconnecting banner is gone');
  });

  test('a player offline for a while is shown away, then takes their seat back', { timeout: 40_000 }, async () => {
    assert.ok(aliceJoined, 'needs the players of the first test');
    const before = await alice.page.evaluate(() => window.quarkade.state());
    // Offline, every reconnect attempt fails: the seat must be held through them (the grace is 20 s).
    let failedAttempts = 0;
    const countFailures = (ws) => ws.on('close', () => failedAttempts++);
    await alice.context.setOffline(true);
    try {
      await alice.page.evaluate(() => window.quarkade.debug.dropConnection());
      alice.page.on('websocket', countFailures);
      await alice.page.waitForFunction(() => window.quarkade.state().reconnecting, null, { timeout: 5000 });
      // The banner follows the state on the next frame: wait for it rather than sample it.
      await alice.page.waitForSelector('#reconnecting', { state: 'visible', timeout: 5000 });
      await bob.page.waitForFunction(
        () => [...document.querySelectorAll('.scoreboard li')].some((li) => li.textContent.includes('Alice (away)')),
        null,
        { timeout: 10_000 },
      );
      await eventually('two reconnect attempts to fail', () => failedAttempts >= 2, 10_000);
    } finally {
      alice.page.off('websocket', countFailures);
      await alice.context.setOffline(false);
    }
    await alice.page.waitForFunction(() => window.quarkade.state().connected, null, { timeout: 15_000 });
    const back = await alice.page.evaluate(() => window.quarkade.state());
    assert.deepEqual(
      { roomId: back.roomId, seat: back.seat, entityId: back.entityId, playerId: back.playerId },
      { roomId: before.roomId, seat: before.seat, entityId: before.entityId, playerId: before.playerId },
    );
    await bob.page.waitForFunction(
      () => [...document.querySelectorAll('.scoreboard li')].some((li) => /Alice/.test(li.textContent) && !/away/.test(li.textContent)),
      null,
      { timeout: 5000 },
    );
  });

  test('the lobby lists the room with its players and capacity', { timeout: 30_000 }, async () => {
    assert.ok(aliceJoined, 'needs the players of the first test');
    const rooms = await (await fetch(`${app.url}/api/rooms`)).json();
    const room = rooms.find((r) => r.roomId === aliceJoined.roomId);
    assert.ok(room, `GET /api/rooms lists ${aliceJoined.roomId}`);
    assert.equal(room.players, 2);

    const carol = await signInAsGuest(browser, app.url, 'Carol');
    try {
      const row = await carol.page.waitForFunction(
        ({ roomId, text }) =>
          [...document.querySelectorAll('.rooms tbody tr')].find((tr) => tr.textContent.includes(roomId) && tr.textContent.includes(text))?.textContent,
        { roomId: room.roomId, text: `2 / ${room.capacity}` },
        { timeout: 10_000 },
      );
      assert.match(await row.jsonValue(), /arena/);
      assert.deepEqual(carol.errors, []);
    } finally {
      await carol.context.close();
    }
    assert.deepEqual(alice.errors, [], 'no script errors on Alice’s page');
    assert.deepEqual(bob.errors, [], 'no script errors on Bob’s page');
  });

  test('a long Chinese chat line is cut to whole characters and sent, and WASD moves afterwards', { timeout: 30_000 }, async () => {
    assert.ok(aliceJoined, 'needs the players of the first test');
    const chat = '.side input';
    await alice.page.click(chat);
    await alice.page.fill(chat, LONG_CHINESE);
    // The box holds what fits in 200 bytes (66 characters of 3 bytes) and says the line is full.
    assert.equal(await alice.page.inputValue(chat), LONG_CHINESE.slice(0, 66));
    await alice.page.waitForFunction(() => document.querySelector('#chat-note')?.textContent?.includes('200'), null, { timeout: 5000 });
    await alice.page.press(chat, 'Enter');

    const sent = LONG_CHINESE.slice(0, 66);
    await bob.page.waitForFunction((text) => [...document.querySelectorAll('.chat-log li')].some((li) => li.textContent === `Alice: ${text}`), sent, {
      timeout: 5000,
    });
    assert.equal(await alice.page.inputValue(chat), '', 'the box is empty after sending');
    assert.equal(await alice.page.evaluate(() => document.activeElement?.tagName), 'BODY', 'the keys are back with the game');
    await walkWithWasd(alice, bob, aliceJoined.entityId, 'x');
    assert.equal(await alice.page.inputValue(chat), '', 'WASD did not type into the chat box');

    // Escape leaves the box with its draft and gives the keys back too.
    await alice.page.click(chat);
    await alice.page.keyboard.type('gg 🎮');
    await alice.page.keyboard.press('Escape');
    await walkWithWasd(alice, bob, aliceJoined.entityId, 'y');
    assert.equal(await alice.page.inputValue(chat), 'gg 🎮');
    assert.deepEqual(alice.errors, [], 'no script errors on Alice’s page');
    assert.deepEqual(bob.errors, [], 'no script errors on Bob’s page');
  });
});
