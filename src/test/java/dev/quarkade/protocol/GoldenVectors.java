package dev.quarkade.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.quarkade.sync.WorldState;

/**
 * Reads the golden frames in src/test/resources/protocol: {@code name.hex} (the frame) beside {@code name.json}
 * (type, message fields named as the record components, optional baseline and resulting state). Test code may use
 * reflection; the codec may not.
 */
final class GoldenVectors {

    static final String DIR = "/protocol/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<MessageType, Class<?>> CLASSES = Map.ofEntries(
            Map.entry(MessageType.INPUT, ClientMessage.Input.class),
            Map.entry(MessageType.ACK, ClientMessage.Ack.class),
            Map.entry(MessageType.RESYNC_REQUEST, ClientMessage.ResyncRequest.class),
            Map.entry(MessageType.CHAT, ClientMessage.Chat.class),
            Map.entry(MessageType.PING, ClientMessage.Ping.class),
            Map.entry(MessageType.TOKEN_REFRESH, ClientMessage.TokenRefresh.class),
            Map.entry(MessageType.LEAVE, ClientMessage.Leave.class),
            Map.entry(MessageType.WELCOME, ServerMessage.Welcome.class),
            Map.entry(MessageType.STATE, ServerMessage.State.class),
            Map.entry(MessageType.PONG, ServerMessage.Pong.class),
            Map.entry(MessageType.CHAT_RELAY, ServerMessage.ChatRelay.class),
            Map.entry(MessageType.ROSTER, ServerMessage.Roster.class),
            Map.entry(MessageType.MATCH_END, ServerMessage.MatchEnd.class),
            Map.entry(MessageType.TOKEN_ACCEPTED, ServerMessage.TokenAccepted.class),
            Map.entry(MessageType.GAME_EVENT, ServerMessage.GameEvent.class),
            Map.entry(MessageType.MATCH_STATUS, ServerMessage.MatchStatus.class));

    private GoldenVectors() {
    }

    /** Names of all vectors (file names without extension). */
    static List<String> names() {
        try (Stream<Path> files = Files.list(Path.of(GoldenVectors.class.getResource(DIR).toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String name) {
        try (InputStream in = GoldenVectors.class.getResourceAsStream(DIR + name + ".json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frame bytes; whitespace in the file is ignored. */
    static byte[] hex(String name) {
        try (InputStream in = GoldenVectors.class.getResourceAsStream(DIR + name + ".hex")) {
            if (in == null) {
                throw new IllegalStateException("missing " + name + ".hex");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s+", "");
            return HexFormat.of().parseHex(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageType type(JsonNode vector) {
        return MessageType.valueOf(vector.get("type").asText());
    }

    /** The message the vector's {@code message} object describes. */
    static Object message(JsonNode vector) {
        return build(CLASSES.get(type(vector)), vector.get("message"));
    }

    private static Object build(Class<?> cls, JsonNode node) {
        RecordComponent[] components = cls.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            JsonNode value = node.get(components[i].getName());
            if (value == null) {
                throw new IllegalArgumentException(cls.getSimpleName() + " vector lacks " + components[i].getName());
            }
            args[i] = value(components[i], value);
        }
        try {
            return cls.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(RecordComponent c, JsonNode v) {
        Class<?> t = c.getType();
        if (t == long.class) {
            return v.asLong();
        } else if (t == int.class) {
            // u32 checksums are written unsigned in JSON; narrowing keeps the same 32 bits.
            return (int) v.asLong();
        } else if (t == boolean.class) {
            return v.asBoolean();
        } else if (t == String.class) {
            return v.asText();
        } else if (t == byte[].class) {
            return HexFormat.of().parseHex(v.asText());
        } else if (t == UUID.class) {
            return UUID.fromString(v.asText());
        } else if (t == List.class) {
            Class<?> element = (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
            List<Object> list = new ArrayList<>();
            v.forEach(e -> list.add(build(element, e)));
            return list;
        }
        throw new IllegalArgumentException("no JSON mapping for " + t);
    }

    /** A state object: {@code {"globals": [..], "entities": [{"id", "kind", "fields": [..]}]}}. */
    static WorldState state(JsonNode node) {
        WorldState s = new WorldState(node.get("globals").size());
        for (int g = 0; g < s.globalCount(); g++) {
            s.setGlobal(g, node.get("globals").get(g).asInt());
        }
        for (JsonNode e : node.get("entities")) {
            int[] fields = new int[e.get("fields").size()];
            for (int f = 0; f < fields.length; f++) {
                fields[f] = e.get("fields").get(f).asInt();
            }
            s.put(e.get("id").asInt(), e.get("kind").asInt(), fields);
        }
        return s;
    }
}
