/** The arena as the SDK and the shared screens see it: its name on the server, input, world reader and words. */
import type { GameDefinition } from '../sdk';
import type { GameInfo } from '../ui/game-info';
import { arenaInput, type ArenaInput } from './input';
import { readArena, type ArenaView } from './world';

export const arenaGame: GameDefinition<ArenaInput, ArenaView> = {
  id: 'arena',
  input: arenaInput,
  readWorld: readArena,
};

export const ARENA_INFO: GameInfo = {
  id: arenaGame.id,
  title: 'Quarkade Arena',
  tagline: 'Collect the orbs. Outscore everyone.',
  quickPlayHint: 'Join the fullest open arena, or start a new one.',
};
