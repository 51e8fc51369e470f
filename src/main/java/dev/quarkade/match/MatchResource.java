package dev.quarkade.match;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.quarkade.api.ApiException;
import dev.quarkade.api.PageRequest;
import dev.quarkade.room.runtime.GameCatalog;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Match history and leaderboards, public and paged; every query is read from an index (docs/persistence.md). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class MatchResource {

    /** One finished match with every player's result, best placement first. */
    public record MatchSummary(UUID matchId, String game, String roomId, Instant startedAt, Instant endedAt,
            List<Result> players) {
    }

    /** One player's result in a match. */
    public record Result(UUID playerId, String name, int score, int placement) {
    }

    /** One line of a leaderboard; rank counts from 1 over all pages. */
    public record Standing(int rank, UUID playerId, String name, int wins, long totalScore, int matchesPlayed) {
    }

    private final GameCatalog games;

    public MatchResource(GameCatalog games) {
        this.games = games;
    }

    @GET
    @Path("/matches")
    @WithSession
    public Uni<List<MatchSummary>> history(@QueryParam("player") String player, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        UUID playerId = parsePlayer(player);
        PageRequest request = PageRequest.parse(page, size);
        return MatchPlayerRecord.<MatchPlayerRecord> find("playerId", Sort.descending("endedAt", "matchId"), playerId)
                .page(Page.of(request.page(), request.size())).list()
                .chain(own -> own.isEmpty() ? Uni.createFrom().item(List.of()) : summaries(own));
    }

    @GET
    @Path("/leaderboard")
    @WithSession
    public Uni<List<Standing>> leaderboard(@QueryParam("game") String game, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        if (game == null || !games.has(game)) {
            throw ApiException.badRequest("unknown_game", "game must name a game of this server, e.g. arena");
        }
        PageRequest request = PageRequest.parse(page, size);
        int firstRank = request.page() * request.size() + 1;
        return PlayerStats.<PlayerStats> find("game",
                Sort.descending("wins", "totalScore").and("playerId", Sort.Direction.Ascending), game)
                .page(Page.of(request.page(), request.size())).list()
                .map(lines -> {
                    List<Standing> standings = new ArrayList<>(lines.size());
                    for (PlayerStats s : lines) {
                        standings.add(new Standing(firstRank + standings.size(), s.playerId, s.name, s.wins,
                                s.totalScore, s.matchesPlayed));
                    }
                    return standings;
                });
    }

    /** The matches of the player's rows (in their order) with every player's result: two primary-key reads. */
    private static Uni<List<MatchSummary>> summaries(List<MatchPlayerRecord> own) {
        List<UUID> ids = own.stream().map(r -> r.matchId).toList();
        return MatchRecord.<MatchRecord> list("id in ?1", ids)
                .chain(matches -> MatchPlayerRecord.<MatchPlayerRecord> list("matchId in ?1", ids)
                        .map(results -> assemble(ids, matches, results)));
    }

    private static List<MatchSummary> assemble(List<UUID> ids, List<MatchRecord> matches,
            List<MatchPlayerRecord> results) {
        Map<UUID, MatchRecord> byId = matches.stream().collect(Collectors.toMap(m -> m.id, Function.identity()));
        Map<UUID, List<MatchPlayerRecord>> resultsByMatch = results.stream()
                .collect(Collectors.groupingBy(r -> r.matchId));
        return ids.stream().map(id -> {
            MatchRecord m = byId.get(id);
            List<Result> players = resultsByMatch.getOrDefault(id, List.of()).stream()
                    .sorted(Comparator.comparingInt((MatchPlayerRecord r) -> r.placement).thenComparingInt(r -> r.seat))
                    .map(r -> new Result(r.playerId, r.name, r.score, r.placement)).toList();
            return new MatchSummary(m.id, m.game, m.roomId, m.startedAt, m.endedAt, players);
        }).toList();
    }

    private static UUID parsePlayer(String player) {
        if (player == null || player.isBlank()) {
            throw ApiException.badRequest("invalid_player", "player must be a player id (UUID)");
        }
        try {
            return UUID.fromString(player.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_player", "player must be a player id (UUID)");
        }
    }
}
