package dev.quarkade.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * A WebSocket client written from RFC 6455 on a plain socket, so a test controls every bit: it answers nothing by
 * itself (no Pong to a Ping, no Close echo), which is how a half-open or frozen peer looks to the server.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

    /** One frame as received. */
    public record Frame(boolean fin, int opcode, byte[] payload, long receivedAtNanos) {
        /** The close code of a Close frame, or -1 when it has none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int status;
    private final String head;

    private RawWebSocket(Socket socket, int status, String head) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.status = status;
        this.head = head;
    }

    /** Sends the HTTP upgrade and reads the answer; {@link #status()} is 101 when upgraded. */
    public static RawWebSocket connect(String host, int port, String path, Map<String, String> headers)
            throws IOException {
        return connect(host, port, path, headers, 0);
    }

    /**
     * As {@link #connect(String, int, String, Map)}, with the socket's receive buffer set to {@code receiveBuffer}
     * bytes before connecting (0: the system's default). A small one makes a client that stops reading push back on
     * the server after a few kilobytes instead of the megabytes the kernel would otherwise absorb.
     */
    public static RawWebSocket connect(String host, int port, String path, Map<String, String> headers,
            int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress(host, port));
        socket.setTcpNoDelay(true);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(key)).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        String head = readHead(socket.getInputStream());
        int status = Integer.parseInt(head.split(" ", 3)[1]);
        return new RawWebSocket(socket, status, head);
    }

    public int status() {
        return status;
    }

    /** A header of the server's answer to the upgrade (case-insensitive name), or null. */
    public String header(String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The body of a refused upgrade (its Content-Length bytes), as text. */
    public String refusalBody() throws IOException {
        String length = header("Content-Length");
        byte[] body = new byte[length == null ? 0 : Integer.parseInt(length)];
        socket.setSoTimeout(5000);
        in.readFully(body);
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The next frame, or null if none arrives within {@code timeoutMillis}; throws at end of stream. */
    public Frame read(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        int b0;
        try {
            b0 = in.read();
        } catch (SocketTimeoutException e) {
            return null;
        }
        if (b0 < 0) {
            throw new IOException("connection closed by the server");
        }
        socket.setSoTimeout(5000);
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] mask = null;
        if ((b1 & 0x80) != 0) {
            mask = new byte[4];
            in.readFully(mask);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload, System.nanoTime());
    }

    /** Reads frames until a Close frame, for at most {@code timeoutMillis}; null if none came. */
    public Frame awaitClose(int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            Frame frame = read(left);
            if (frame != null && frame.opcode() == CLOSE) {
                return frame;
            }
        }
        return null;
    }

    /** Sends one masked frame, as a client must. */
    public void send(boolean fin, int opcode, byte[] payload) throws IOException {
        sendFrame((fin ? 0x80 : 0) | opcode, true, payload);
    }

    /**
     * Sends one frame with a first byte chosen bit by bit (FIN, RSV1-3, opcode), masked or not: how a test breaks the
     * framing rules on purpose.
     */
    public void sendFrame(int firstByte, boolean masked, byte[] payload) throws IOException {
        out.write(encodeFrame(firstByte, masked, payload));
        out.flush();
    }

    /** The bytes of one frame, for tests that write many frames in one go. */
    public static byte[] encodeFrame(int firstByte, boolean masked, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        int maskBit = masked ? 0x80 : 0;
        frame.write(firstByte);
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xffff) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        if (!masked) {
            frame.write(payload, 0, payload.length);
            return frame.toByteArray();
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    /** Writes bytes as they are: several frames at once, or a frame header alone. */
    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Reads until the server closes: its Close frame, or null if the TCP connection ended (or {@code timeoutMillis}
     * passed) without one. Frames before it (states, pings) are skipped.
     */
    public Frame awaitCloseOrEnd(int timeoutMillis) {
        try {
            return awaitClose(timeoutMillis);
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the server has closed the TCP connection: a read hits end of stream (or a reset) within the time. */
    public boolean awaitEnd(int timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                read((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Sends a hand-written HTTP request head (request line and headers, without the final blank line) and answers the
     * status of the response, or -1 when the server closed the connection without one.
     */
    public static int requestStatus(String host, int port, String head) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (IOException refusedMidway) {
                // the server may answer and stop reading before the whole head is written
            }
            try {
                String response = readHead(socket.getInputStream());
                return Integer.parseInt(response.split(" ", 3)[1]);
            } catch (IOException e) {
                return -1;
            }
        }
    }

    /** Drops the connection with a TCP reset: no Close frame, no FIN. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Closes the TCP connection (a FIN) without any Close frame. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        throw new IOException("connection closed during the handshake: " + head);
    }
}
