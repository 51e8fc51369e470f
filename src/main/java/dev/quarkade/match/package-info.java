/** Match records: finished matches and every player's result, written after the fact, off the tick path. */
package dev.quarkade.match;
