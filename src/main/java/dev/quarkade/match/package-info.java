/** Match records: finished matches and every player's result, queued off the tick path; history and leaderboard. */
package dev.quarkade.match;
