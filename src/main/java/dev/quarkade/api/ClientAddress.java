package dev.quarkade.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The address a per-client limit counts a request against.
 *
 * <p>
 * It is the TCP peer's address, or, behind a reverse proxy, the client address that proxy forwarded: Quarkus
 * rewrites {@link HttpServerRequest#remoteAddress()} from {@code X-Forwarded-For} or {@code Forwarded} when
 * {@code quarkus.http.proxy.proxy-address-forwarding} is on, and only for peers listed in
 * {@code quarkus.http.proxy.trusted-proxies} (docs/deployment.md). An IPv6 client counts by its /64, the block one
 * subscriber gets: counting by /128 would give one machine billions of addresses.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null ? "unknown" : normalise(remote.hostAddress());
    }

    /** An IPv4 address as it is, an IPv6 one as its /64 prefix ({@code 2001:db8:1:2::/64}). */
    static String normalise(String host) {
        if (host == null || host.indexOf(':') < 0) {
            return host == null ? "unknown" : host;
        }
        try {
            // A literal (never resolved: getByName parses IP literals without a lookup).
            InetAddress address = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress();
            }
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder(24);
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return host;
        }
    }
}
