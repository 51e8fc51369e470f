/** Arena: the built-in top-down game. Players move, collect orbs and score; the best score when time runs out wins. */
package dev.quarkade.game.arena;
