/** What the shared screens say about the game they lead to; each game gives its own. */
export interface GameInfo {
  /** The game's name on the server: matchmaking, the leaderboard ("arena"). */
  id: string;
  title: string;
  tagline: string;
  /** Under Quick Play in the lobby. */
  quickPlayHint: string;
}
