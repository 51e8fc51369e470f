package dev.quarkade.cluster;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Asks another node to create a room, through its own REST API ({@code POST /api/rooms}) with the player's bearer
 * token: the other node creates the room, registers it in the directory and answers its id. Plain HTTP between nodes,
 * no protocol of our own: the other node applies the same checks (token, game, draining) as for any client.
 */
@ApplicationScoped
public class RemoteNodes {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Vertx vertx;
    private volatile HttpClient client;

    RemoteNodes(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Creates a room of {@code game} on the node at {@code httpBase}; answers the new room's id. */
    public Uni<String> createRoom(String httpBase, String game, String bearerToken) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(httpBase + "/api/rooms").putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json").putHeader("Authorization", "Bearer " + bearerToken);
        Buffer body = Buffer.buffer(new JsonObject().put("game", game).encode());
        return client().request(options)
                .flatMap(request -> request.send(body))
                .flatMap(response -> response.body().map(answer -> {
                    if (response.statusCode() != 201) {
                        throw new ApiException(503, "node_unavailable", "Node " + httpBase + " could not create a room ("
                                + response.statusCode() + ")");
                    }
                    return new JsonObject(answer.toString()).getString("roomId");
                }))
                .ifNoItem().after(TIMEOUT).failWith(() -> new ApiException(503, "node_unavailable",
                        "Node " + httpBase + " did not answer in time"));
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createHttpClient();
                }
                c = client;
            }
        }
        return c;
    }
}
