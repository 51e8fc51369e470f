package dev.quarkade.auth;

/** Reads the token out of an {@code Authorization: Bearer <token>} header. */
public final class BearerHeader {

    private static final String SCHEME = "bearer ";

    private BearerHeader() {
    }

    /** The token, or null when the header is absent or not a Bearer credential. */
    public static String token(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = authorization.substring(SCHEME.length()).trim();
        return token.isEmpty() ? null : token;
    }
}
