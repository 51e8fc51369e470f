package dev.quarkade.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name this node goes by in records it writes: its host name. */
public final class NodeName {

    private static final String NAME = lookUp();

    private NodeName() {
    }

    public static String get() {
        return NAME;
    }

    private static String lookUp() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
