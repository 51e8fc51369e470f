/**
 * The game SPI: what a game plugs into Quarkade ({@link dev.quarkade.game.Game} and {@link dev.quarkade.game.Match}),
 * and the built-in games. Game code never sees sockets, threads or the database.
 */
package dev.quarkade.game;
