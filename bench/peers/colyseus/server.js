// The Colyseus reference for the Quarkade benchmark (docs/benchmarks.md): the arena game as a Colyseus room.
// Same rules as Quarkade's arena: 1600 x 1000 field, 24 orbs, players move 12 units per input at full stick and
// collect orbs within 32 units, 120 s matches, rooms of 8, 30 ticks per second. The state is sent at the end of every
// tick (patch rate off, broadcastPatch() in the tick) so that, like Quarkade, a state leaves as soon as it is computed.
// Usage: node --expose-gc server.js <port>   (GET http://127.0.0.1:<port + 1>/heap answers heap use after a GC)
const http = require('node:http');
const { Room, Server } = require('@colyseus/core');
const { WebSocketTransport } = require('@colyseus/ws-transport');
const { schema } = require('@colyseus/schema');

const TICK_RATE = 30;
const WIDTH = 1600;
const HEIGHT = 1000;
const ORBS = 24;
const SPEED = 12;
const PICKUP = 32;
const MATCH_TICKS = 120 * TICK_RATE;

const Player = schema({ x: 'int16', y: 'int16', score: 'int32' }, 'Player');
const Orb = schema({ x: 'int16', y: 'int16', value: 'int32' }, 'Orb');
const ArenaState = schema({
  phase: 'uint8',
  ticksLeft: 'uint32',
  tick: 'uint32',
  serverTime: 'float64', // ms since the epoch when the tick was computed: what the load client measures latency from
  players: { map: Player },
  orbs: { map: Orb },
}, 'ArenaState');

const randomX = () => Math.floor(Math.random() * WIDTH);
const randomY = () => Math.floor(Math.random() * HEIGHT);
const clamp = (v, max) => Math.min(Math.max(v, 0), max);

class ArenaRoom extends Room {
  maxClients = 8;

  onCreate() {
    this.setState(new ArenaState());
    this.state.tick = 0;
    this.state.serverTime = Date.now();
    this.startMatch();
    this.setPatchRate(null);
    this.onMessage('input', (client, input) => this.move(client, input));
    this.setSimulationInterval(() => this.step(), 1000 / TICK_RATE);
  }

  startMatch() {
    this.state.phase = 1;
    this.state.ticksLeft = MATCH_TICKS;
    this.state.orbs.clear();
    for (let i = 0; i < ORBS; i++) {
      this.state.orbs.set(String(1000 + i), new Orb({ x: randomX(), y: randomY(), value: 1 }));
    }
    this.state.players.forEach((p) => { p.score = 0; });
  }

  onJoin(client) {
    this.state.players.set(client.sessionId, new Player({ x: randomX(), y: randomY(), score: 0 }));
  }

  onLeave(client) {
    this.state.players.delete(client.sessionId);
  }

  move(client, input) {
    const p = this.state.players.get(client.sessionId);
    if (!p || !Array.isArray(input) || this.state.phase !== 1) return;
    const speed = (input[2] & 2) ? SPEED * 2 : SPEED;
    p.x = clamp(p.x + Math.trunc(input[0] * speed / 127), WIDTH);
    p.y = clamp(p.y + Math.trunc(input[1] * speed / 127), HEIGHT);
    this.state.orbs.forEach((orb) => {
      const dx = orb.x - p.x;
      const dy = orb.y - p.y;
      if (dx * dx + dy * dy <= PICKUP * PICKUP) {
        p.score += orb.value;
        orb.x = randomX();
        orb.y = randomY();
      }
    });
  }

  step() {
    this.state.tick++;
    this.state.serverTime = Date.now();
    if (this.state.phase === 1 && --this.state.ticksLeft <= 0) {
      this.startMatch(); // no intermission: the benchmark measures steady play
    }
    this.broadcastPatch();
  }
}

const port = Number(process.argv[2] || 2567);
const server = new Server({ transport: new WebSocketTransport({ pingInterval: 2000 }), greet: false });
server.define('arena', ArenaRoom);
server.listen(port, '127.0.0.1').then(() => console.log(`colyseus listening on ${port}`));

http.createServer((req, res) => {
  if (global.gc) global.gc();
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(process.memoryUsage()));
}).listen(port + 1, '127.0.0.1');
