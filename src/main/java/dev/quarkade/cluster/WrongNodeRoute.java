package dev.quarkade.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import dev.quarkade.lobby.Lobby.Admission;
import dev.quarkade.lobby.RoomUrls;
import dev.quarkade.room.runtime.RoomRegistry;
import io.vertx.core.Context;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Cluster mode: an upgrade to {@code /ws/rooms/{roomId}} for a room that runs on another live node is answered, before
 * any WebSocket opens, with HTTP 421 Misdirected Request, the room's URL on its node in the header
 * {@code X-Quarkade-Ws-Url} and a JSON body {@code {"error":"wrong_node","message":..,"roomId":..,"node":..,"wsUrl":..}}
 * (docs/protocol.md, Handshake). It runs before authentication: where a room lives is public (GET /api/rooms/{id}).
 * Every other upgrade goes on to the handshake check ({@code transport.HandshakeCheck}). Not installed in single-node mode.
 */
@ApplicationScoped
public class WrongNodeRoute {

    private final ClusterMode cluster;
    private final RoomRegistry rooms;
    private final Instance<RoomDirectory> directory;
    private final Instance<ClusterNode> node;

    WrongNodeRoute(ClusterMode cluster, RoomRegistry rooms, Instance<RoomDirectory> directory,
            Instance<ClusterNode> node) {
        this.cluster = cluster;
        this.rooms = rooms;
        this.directory = directory;
        this.node = node;
    }

    void install(@Observes Router router) {
        if (cluster.enabled()) {
            router.route(HttpMethod.GET, RoomUrls.WS_PREFIX + ":roomId").order(-100).handler(this::check);
        }
    }

    private void check(RoutingContext ctx) {
        String roomId = ctx.pathParam("roomId");
        if (roomId == null || rooms.find(roomId).isPresent()) {
            ctx.next();
            return;
        }
        Context context = ctx.vertx().getOrCreateContext();
        directory.get().locate(roomId).subscribe().with(location -> context.runOnContext(v -> {
            if (location.state() == RoomDirectory.Location.State.LIVE && !location.node().equals(node.get().id())) {
                String wsUrl = RoomUrls.wsUrl(location.room().nodeUrl(), roomId);
                String body = new JsonObject().put("error", "wrong_node")
                        .put("message", "Room " + roomId + " runs on node " + location.node() + ": connect to wsUrl")
                        .put("roomId", roomId).put("node", location.node()).put("wsUrl", wsUrl).encode();
                ctx.response().setStatusCode(Admission.WRONG_NODE)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(Admission.NODE_URL_HEADER, wsUrl)
                        .end(body);
            } else {
                ctx.next(); // ours, dead or unknown: the handshake check decides (restore, 404) after authentication
            }
        }), failure -> context.runOnContext(v -> ctx.next()));
    }
}
