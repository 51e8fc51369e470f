package dev.quarkade.auth;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one source of unguessable values: refresh tokens, the operator feed's tickets, guest numbers.
 *
 * <p>
 * Its {@link SecureRandom} is created with the bean, at run time. A {@code static} one would be created while a native
 * image is built and frozen, seed and all, into the image heap (the native build refuses that: docs/deployment.md);
 * {@code NativeSafetyTest} fails on any static random field in main code.
 */
@ApplicationScoped
public class RandomTokens {

    private final SecureRandom random = new SecureRandom();

    /** {@code bytes} random bytes as unpadded base64url: safe in a header, a JSON string or a query parameter. */
    public String urlSafe(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** A uniformly random int in {@code [0, bound)}. */
    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
