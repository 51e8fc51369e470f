/**
 * The arena server's numbers the client needs to draw the field and predict its own player. Each is a copy of the
 * server's (quarkade.arena.*, ArenaWorld), used until the server sends it in WELCOME (issue 20); replacing one is then
 * one edit here.
 */

/** quarkade.arena.player-speed: world units per input at full stick; DASH doubles it. Until the server sends it in WELCOME (issue 20). */
export const PLAYER_SPEED = 12;

/** The field's width in world units (ArenaWorld.WIDTH). Until the server sends it in WELCOME (issue 20). */
export const FIELD_WIDTH = 1600;

/** The field's height in world units (ArenaWorld.HEIGHT). Until the server sends it in WELCOME (issue 20). */
export const FIELD_HEIGHT = 1000;
