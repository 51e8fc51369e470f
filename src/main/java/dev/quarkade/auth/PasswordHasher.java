package dev.quarkade.auth;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** bcrypt hashing and checking, always on a worker thread: one hash takes tens of milliseconds of CPU. */
@ApplicationScoped
public class PasswordHasher {

    private static final int MAX_BYTES = AuthService.MAX_PASSWORD_BYTES;

    private final int cost;
    /** Checked against when the username is unknown, so that answer takes as long as a wrong password. */
    private final String dummyHash;

    PasswordHasher(AuthConfig config) {
        this.cost = config.bcryptCost();
        this.dummyHash = BcryptUtil.bcryptHash("no account has this password", cost);
    }

    public Uni<String> hash(String password) {
        return VertxContextSupport.executeBlocking(() -> BcryptUtil.bcryptHash(password, cost));
    }

    /** Checks a password against a stored hash, or against a dummy one when {@code hash} is null. */
    public Uni<Boolean> matches(String password, String hash) {
        // Over-long passwords cannot match (registration refuses them) but still cost one bcrypt check.
        boolean possible = hash != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
        return VertxContextSupport.executeBlocking(() -> {
            boolean matches = possible ? BcryptUtil.matches(password, hash)
                    : BcryptUtil.matches(password.substring(0, Math.min(password.length(), MAX_BYTES)), dummyHash);
            return possible && matches;
        });
    }
}
