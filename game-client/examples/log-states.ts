import { AuthSession, lobby, RoomClient, type GameDefinition, type WorldState } from '../src/sdk';

/** Any game, watched: no input of its own (the SDK then only acknowledges states), each state kept as it came. */
function watching(game: string): GameDefinition<null, WorldState> {
  return {
    id: game,
    input: { idle: null, isIdle: () => true, encode: () => new Uint8Array(0) },
    readWorld: (state) => state,
  };
}

/** Signs in as a guest, takes a seat in a room of `game` through matchmaking, and logs what the room sends. */
export async function logStates(game = 'arena', name = 'Ada'): Promise<RoomClient<null, WorldState>> {
  const auth = await AuthSession.guest(name);
  const { roomId, wsUrl } = await lobby.quickPlay(auth, game);
  const room = new RoomClient({ roomId, wsUrl, auth, game: watching(game) });
  room.on('welcome', (w) => console.log(`seat ${w.seat} in room ${roomId}, ${w.tickRate} ticks a second`));
  room.on('state', ({ tick, state }) => console.log(`tick ${tick}: ${state.entities.length} entities, globals [${state.globals}]`));
  room.on('roster', (seats) => console.log(`players: ${seats.map((s) => s.name).join(', ')}`));
  room.on('chat', ({ name, text }) => console.log(`${name}: ${text}`));
  room.on('matchEnd', ({ results }) => console.log('match over', results));
  room.on('connection', ({ connected, reconnecting }) => console.log({ connected, reconnecting }));
  room.on('ended', ({ message }) => console.log(`left the room: ${message}`));
  room.start();
  return room;
}
