package dev.quarkade.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The name this node goes by in records it writes: its host name; and its incarnation: the host name plus a random
 * part drawn once per process start, so a process restarted on the same host is told apart from its predecessor.
 */
public final class NodeName {

    /**
     * Where the incarnation is kept: a JVM system property outlives the class loader a dev-mode hot reload throws
     * away, so a reload is the same incarnation and a new process a new one.
     */
    private static final String INCARNATION_PROPERTY = "dev.quarkade.node-incarnation";

    private static final String NAME = lookUp();

    private NodeName() {
    }

    public static String get() {
        return NAME;
    }

    /** {@code <host name>/<12 hex digits>}, unique per process start (at most 268 characters). */
    public static String incarnation() {
        String id = System.getProperty(INCARNATION_PROPERTY);
        if (id != null) {
            return id;
        }
        synchronized (NodeName.class) {
            id = System.getProperty(INCARNATION_PROPERTY);
            if (id == null) {
                byte[] random = new byte[6];
                ThreadLocalRandom.current().nextBytes(random);
                id = NAME + "/" + HexFormat.of().formatHex(random);
                System.setProperty(INCARNATION_PROPERTY, id);
            }
            return id;
        }
    }

    private static String lookUp() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
