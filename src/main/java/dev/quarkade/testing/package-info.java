/**
 * A test kit for game authors: drive a room of a game, with its real engine (seats, inbox, match cycle, views, events,
 * encoding), without sockets, threads or Quarkus, in plain JUnit. {@link dev.quarkade.testing.TestRoom} runs the ticks
 * on a clock the test moves; each {@link dev.quarkade.testing.TestClient} decodes the frames its seat receives as a
 * real client would, so a test sees exactly what a player would see (docs/games.md, Testing a game).
 */
package dev.quarkade.testing;
