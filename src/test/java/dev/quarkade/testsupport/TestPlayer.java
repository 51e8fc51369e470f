package dev.quarkade.testsupport;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.quarkade.protocol.ClientCodec;
import dev.quarkade.protocol.ClientMessage;
import dev.quarkade.protocol.ProtocolException;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * A player as a test drives one: a guest account from the REST API and a real WebSocket to a room, with everything
 * the server sends decoded into a {@link ClientMirror}.
 */
public final class TestPlayer implements AutoCloseable {

    public final UUID playerId;
    public final String name;
    public final String accessToken;
    public final ClientMirror mirror = new ClientMirror();
    private final URI baseUri;
    /** For an https base URI: the certificate to trust, the server's own self-signed one. */
    private final TestCertificate trust;
    private static final HttpClient PLAIN = HttpClient.newHttpClient();
    private static final Map<TestCertificate, HttpClient> TRUSTING = new HashMap<>();

    private WebSocket socket;
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile String closeReason;
    private volatile Throwable decodeFailure;
    private long inputSeq;

    private TestPlayer(URI baseUri, TestCertificate trust, UUID playerId, String name, String accessToken) {
        this.baseUri = baseUri;
        this.trust = trust;
        this.playerId = playerId;
        this.name = name;
        this.accessToken = accessToken;
    }

    /** Signs up a guest through POST /api/auth/guest. */
    public static TestPlayer guest(URI baseUri, String name) {
        return guest(baseUri, null, name);
    }

    /** Signs up a guest over HTTPS, trusting {@code trust} (null: the JDK's default trust). */
    public static TestPlayer guest(URI baseUri, TestCertificate trust, String name) {
        Map<String, Object> body = request(baseUri, trust).contentType(ContentType.JSON)
                .body(Map.of("name", name)).post("/api/auth/guest").then().statusCode(200).extract().as(Map.class);
        return new TestPlayer(baseUri, trust, UUID.fromString((String) body.get("playerId")), (String) body.get("name"),
                (String) body.get("accessToken"));
    }

    /** A guest seated by quick play and connected, past its WELCOME: the start of most tests that play. */
    public static TestPlayer playing(URI baseUri, String name) throws Exception {
        TestPlayer player = guest(baseUri, name);
        return player.connect(player.quickPlay()).awaitWelcome();
    }

    /** The same account with a fresh client: what a reconnecting player is. It continues the input seq. */
    public TestPlayer sameAccount() {
        TestPlayer again = new TestPlayer(baseUri, trust, playerId, name, accessToken);
        again.inputSeq = inputSeq;
        return again;
    }

    /** A player whose tokens the test got itself (a registered account, say). */
    public static TestPlayer withToken(URI baseUri, String accessToken) {
        Map<String, Object> me = request(baseUri, null).auth().oauth2(accessToken).get("/api/me").then()
                .statusCode(200).extract().as(Map.class);
        return new TestPlayer(baseUri, null, UUID.fromString((String) me.get("playerId")), (String) me.get("name"),
                accessToken);
    }

    /** POST /api/matchmaking/join-or-create for the arena; answers the room id. */
    public String quickPlay() {
        return request(baseUri, trust).auth().oauth2(accessToken).contentType(ContentType.JSON)
                .body(Map.of("game", "arena")).post("/api/matchmaking/join-or-create").then().statusCode(200)
                .extract().path("roomId");
    }

    /** POST /api/rooms: a new arena room of its own, for tests whose players must meet in one room. */
    public String createRoom() {
        return createRoom(Map.of("game", "arena"));
    }

    /** POST /api/rooms: a new arena room of {@code capacity} seats. */
    public String createRoom(int capacity) {
        return createRoom(Map.of("game", "arena", "capacity", capacity));
    }

    private String createRoom(Map<String, Object> body) {
        return request(baseUri, trust).auth().oauth2(accessToken).contentType(ContentType.JSON).body(body)
                .post("/api/rooms").then().statusCode(201).extract().path("roomId");
    }

    /** POST /api/rooms/{id}/join: holds a seat in that room; answers the room id. */
    public String join(String roomId) {
        return request(baseUri, trust).auth().oauth2(accessToken).post("/api/rooms/" + roomId + "/join").then()
                .statusCode(200).extract().path("roomId");
    }

    /**
     * POST /api/matchmaking/join-or-create for the arena on the node at {@code nodeUri} (any node of a cluster): the
     * whole answer (roomId, wsUrl, wsPath, seatHeldMs).
     */
    public Map<String, Object> joinOrCreateAt(URI nodeUri) {
        return request(nodeUri, trust).auth().oauth2(accessToken).contentType(ContentType.JSON)
                .body(Map.of("game", "arena")).post("/api/matchmaking/join-or-create").then().statusCode(200)
                .extract().as(Map.class);
    }

    /** Opens the room's WebSocket with the token in the Authorization header; fails on a rejected upgrade. */
    public TestPlayer connect(String roomId) throws Exception {
        return connect(roomId, Map.of("Authorization", "Bearer " + accessToken));
    }

    /** Opens the WebSocket at an absolute {@code ws://host:port/ws/rooms/<id>} (a cluster's wsUrl). */
    public TestPlayer connectTo(String wsUrl) throws Exception {
        URI uri = URI.create(wsUrl);
        return connect(URI.create("http://" + uri.getHost() + ":" + uri.getPort()), uri.getPath(),
                Map.of("Authorization", "Bearer " + accessToken));
    }

    public TestPlayer connect(String roomId, Map<String, String> headers) throws Exception {
        return connect(baseUri, "/ws/rooms/" + roomId, headers);
    }

    private TestPlayer connect(URI node, String path, Map<String, String> headers) throws Exception {
        URI uri = URI.create(("https".equals(node.getScheme()) ? "wss://" : "ws://") + node.getHost() + ":"
                + node.getPort() + path);
        WebSocket.Builder builder = httpClient(trust).newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        socket = builder.buildAsync(uri, new Receiver()).get(10, TimeUnit.SECONDS);
        return this;
    }

    /**
     * The JDK's client, one per trust: it keeps the bytes that arrive with the 101 response for the WebSocket. Vert.x
     * 4.5's client lost them now and then on a loaded machine: a WELCOME sent at once after the upgrade never reached
     * its handler while the server had written it (seen 2 times in 600 connections with both cores busy).
     */
    private static HttpClient httpClient(TestCertificate trust) throws Exception {
        if (trust == null) {
            return PLAIN;
        }
        synchronized (TRUSTING) {
            HttpClient client = TRUSTING.get(trust);
            if (client == null) {
                client = HttpClient.newBuilder().sslContext(trust.clientContext()).build();
                TRUSTING.put(trust, client);
            }
            return client;
        }
    }

    /** Reassembles messages, decodes them into the mirror, and answers the server's Close with its code and reason. */
    private final class Receiver implements WebSocket.Listener {

        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] part = new byte[data.remaining()];
            data.get(part);
            binary.writeBytes(part);
            if (last) {
                receive(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeReason = reason;
            closeCode.complete(statusCode);
            return null; // the JDK then answers with a Close of its own
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeReason = "no Close: " + error;
            closeCode.complete(-1);
        }
    }

    /** Tries an upgrade and answers the HTTP status the server rejected it with (or 101 when accepted). */
    public static int upgradeStatus(URI baseUri, String path, Map<String, String> headers) throws Exception {
        WebSocket.Builder builder = PLAIN.newWebSocketBuilder();
        headers.forEach(builder::header);
        try {
            WebSocket ws = builder.buildAsync(URI.create("ws://" + baseUri.getHost() + ":" + baseUri.getPort() + path),
                    new WebSocket.Listener() {
                    }).get(10, TimeUnit.SECONDS);
            ws.abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException rejected) {
                return rejected.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static RequestSpecification request(URI baseUri, TestCertificate trust) {
        RequestSpecification spec = given().baseUri(baseUri.toString());
        return trust == null ? spec : spec.trustStore(trust.trustStore().toFile(), trust.password());
    }

    private void receive(byte[] frame) {
        try {
            mirror.receive(frame);
        } catch (ProtocolException | AssertionError e) {
            // The first failure is the one that explains the others: keep it.
            if (decodeFailure == null) {
                decodeFailure = e;
            }
        }
    }

    public void send(ClientMessage message) {
        sendRaw(ClientCodec.encode(message));
    }

    public void sendRaw(byte[] frame) {
        sent(socket.sendBinary(ByteBuffer.wrap(frame), true));
    }

    public void sendText(String text) {
        sent(socket.sendText(text, true));
    }

    /** Waits for a send; one the connection's end overtook is dropped, as a browser drops it. */
    private static void sent(CompletableFuture<WebSocket> send) {
        try {
            send.join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof IOException)) {
                throw e;
            }
        }
    }

    /** Sends one arena input, acknowledging the newest state received. */
    public void move(int moveX, int moveY) {
        send(new ClientMessage.Input(++inputSeq, mirror.latestTick(), new byte[] { (byte) moveX, (byte) moveY, 0 }));
    }

    public long lastInputSeq() {
        return inputSeq;
    }

    /** Waits up to {@code timeout} for a STATE acknowledging every input this player sent. */
    public TestPlayer awaitInputsApplied(Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout)
                .until(() -> mirror.lastState() != null && mirror.lastState().lastInputSeq() == lastInputSeq());
        return this;
    }

    /** Waits (up to 15 s) for WELCOME; fails at once, with the server's reason, if the connection closes first. */
    public TestPlayer awaitWelcome() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> mirror.welcome() != null || isClosed());
        if (mirror.welcome() == null) {
            throw new AssertionError("closed before WELCOME: " + closeReason);
        }
        return this;
    }

    /** The close code the server sent, waiting up to {@code timeout}. */
    public int awaitClose(Duration timeout) throws Exception {
        return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String closeReason() {
        return closeReason;
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** A frame this client could not decode, if any: the server must never send one. */
    public Throwable decodeFailure() {
        return decodeFailure;
    }

    /** Closes the socket from the client side with a close code and reason. */
    public void close(int code, String reason) {
        socket.sendClose(code, reason).join();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }
}
