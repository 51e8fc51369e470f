// The Colyseus load client of the Quarkade benchmark: players in rooms of 8 (joinOrCreate fills rooms up to 8) that
// send an input every 33 ms and decode every patch with the Colyseus SDK. One timer per room sends its players'
// inputs, as the Java generator does (PlayerLoad), rather than one timer per player. Driven by dev.quarkade.bench.NodeLoad over
// stdin/stdout with one JSON line per answer, in the same keys as the Java generator (PlayerLoad).
// Commands: "add <n>", "start", "end", "quit".
const readline = require('node:readline');
const { Client } = require('@colyseus/sdk');
const hdr = require('hdr-histogram-js');

const port = Number(process.argv[2] || 2567);
const client = new Client(`ws://127.0.0.1:${port}`);
const PARALLEL = 32;
const INPUT_PERIOD_MS = 33;

const players = [];
const rooms = new Map(); // roomId -> { firstTick, lastTick, players, timer }
let open = 0;
let closedTotal = 0;
const closeCodes = {};
let w = newWindow();
const latency = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120000, numberOfSignificantValueDigits: 3 });

function newWindow() {
  return { start: process.hrtime.bigint(), bytesDown: 0, bytesUp: 0, framesDown: 0, statesDown: 0, closed: 0 };
}

const JOIN_TIMEOUT_MS = 30000;

async function join() {
  const room = await Promise.race([client.joinOrCreate('arena'),
    new Promise((_, reject) => setTimeout(() => reject(new Error('join timed out')), JOIN_TIMEOUT_MS))]);
  open++;
  const transport = room.connection.transport;
  const send = transport.send.bind(transport);
  transport.send = (data) => { w.bytesUp += data.byteLength ?? data.length; send(data); };
  transport.ws.addEventListener('message', (e) => { w.bytesDown += e.data.byteLength; w.framesDown++; });
  if (!rooms.has(room.roomId)) rooms.set(room.roomId, newRoom());
  const ticks = rooms.get(room.roomId);
  room.onStateChange((state) => {
    w.statesDown++;
    latency.recordValue(Math.min(Math.max(1, Date.now() - state.serverTime), 119999));
    if (ticks.firstTick < 0) ticks.firstTick = state.tick;
    ticks.lastTick = Math.max(ticks.lastTick, state.tick);
  });
  room.onLeave((code) => {
    open--; closedTotal++; w.closed++;
    closeCodes[code] = (closeCodes[code] || 0) + 1;
  });
  const p = { room, mx: 0, my: 0 };
  ticks.players.push(p);
  players.push(p);
}

function newRoom() {
  const r = { firstTick: -1, lastTick: -1, players: [], timer: null };
  setTimeout(() => {
    r.timer = setInterval(() => {
      for (const p of r.players) {
        if (Math.random() < 1 / 30) {
          p.mx = Math.floor(Math.random() * 255) - 127;
          p.my = Math.floor(Math.random() * 255) - 127;
        }
        if (p.room.connection.isOpen) p.room.send('input', [p.mx, p.my, 0]);
      }
    }, INPUT_PERIOD_MS);
  }, Math.random() * INPUT_PERIOD_MS);
  return r;
}

async function add(n) {
  const t0 = process.hrtime.bigint();
  let next = 0; let joined = 0; let failed = 0; let lastError = null;
  async function worker() {
    while (next < n) {
      next++;
      try { await join(); joined++; } catch (e) { failed++; lastError = String(e && e.message || e); }
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, n) }, worker));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { requested: n, joined, failed, tokenAndRoomSeconds: 0, connectAndJoinSeconds: seconds, lastError };
}

function end() {
  const seconds = Number(process.hrtime.bigint() - w.start) / 1e9;
  let sum = 0; let min = Infinity; let n = 0;
  for (const r of rooms.values()) {
    if (r.firstTick > 0) { const rate = (r.lastTick - r.firstTick) / seconds; sum += rate; min = Math.min(min, rate); n++; }
  }
  return {
    seconds, connected: open, closedInWindow: w.closed, closedTotal, closeCodes,
    roomsMeasured: n, tickRateMean: n ? sum / n : 0, tickRateMin: n ? min : 0,
    latencyP50Ms: latency.getValueAtPercentile(50), latencyP99Ms: latency.getValueAtPercentile(99),
    latencyP999Ms: latency.getValueAtPercentile(99.9), latencyMaxMs: latency.maxValue,
    framesDown: w.framesDown, statesDown: w.statesDown, resyncs: 0,
    bytesDownPerPlayerPerSecond: open ? w.bytesDown / seconds / open : 0,
    bytesUpPerPlayerPerSecond: open ? w.bytesUp / seconds / open : 0,
    meanFrameBytes: w.framesDown ? w.bytesDown / w.framesDown : 0,
  };
}

const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');
readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  const [cmd, arg] = line.trim().split(' ');
  if (cmd === 'add') out(await add(Number(arg)));
  else if (cmd === 'start') {
    w = newWindow(); latency.reset();
    for (const r of rooms.values()) { r.firstTick = -1; r.lastTick = -1; }
    out({ started: true });
  } else if (cmd === 'end') out(end());
  else if (cmd === 'quit') {
    for (const r of rooms.values()) clearInterval(r.timer);
    for (const p of players) p.room.leave().catch(() => {});
    setTimeout(() => process.exit(0), 500);
  }
});
