package dev.quarkade.auth;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.api.ApiException;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * bcrypt hashing and checking, always on a worker thread: one hash takes tens of milliseconds of CPU. At most
 * {@code quarkade.auth.max-concurrent-hashes} run at once; one more is refused at once (429 {@code server_busy},
 * {@code Retry-After: 1}) rather than queued, so a flood of logins never holds worker threads or every core.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int MAX_BYTES = AuthService.MAX_PASSWORD_BYTES;

    private final int cost;
    /** Checked against when the username is unknown, so that answer takes as long as a wrong password. */
    private final String dummyHash;
    private final Semaphore hashing;

    PasswordHasher(AuthConfig config) {
        this.cost = config.bcryptCost();
        this.dummyHash = BcryptUtil.bcryptHash("no account has this password", cost);
        this.hashing = new Semaphore(config.concurrentHashes());
    }

    public Uni<String> hash(String password) {
        return bounded(() -> BcryptUtil.bcryptHash(password, cost));
    }

    /** Checks a password against a stored hash, or against a dummy one when {@code hash} is null. */
    public Uni<Boolean> matches(String password, String hash) {
        // Over-long passwords cannot match (registration refuses them) but still cost one bcrypt check.
        boolean possible = hash != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
        return bounded(() -> {
            boolean matches = possible ? BcryptUtil.matches(password, hash)
                    : BcryptUtil.matches(password.substring(0, Math.min(password.length(), MAX_BYTES)), dummyHash);
            return possible && matches;
        });
    }

    private <T> Uni<T> bounded(Callable<T> work) {
        return Uni.createFrom().deferred(() -> {
            if (!hashing.tryAcquire()) {
                return Uni.createFrom().failure(ApiException.tooManyRequests("server_busy",
                        "The server is checking too many passwords at once; try again in a second", 1));
            }
            return VertxContextSupport.executeBlocking(() -> {
                try {
                    return work.call();
                } finally {
                    hashing.release();
                }
            });
        });
    }
}
