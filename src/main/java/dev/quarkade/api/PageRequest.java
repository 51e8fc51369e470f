package dev.quarkade.api;

/**
 * Which page of a list a client asked for, from the {@code page} and {@code size} query parameters: page from 0,
 * size 1..{@value #MAX_SIZE} ({@value #DEFAULT_SIZE} when absent), and no page reaching past row
 * {@value #MAX_DEPTH} of a list. Anything else is a 400.
 *
 * <p>
 * The depth limit bounds what one request can cost: a page is read with OFFSET, and the database walks every row
 * before it (a page past row 300,000 of the leaderboard took 300 ms). No player pages ten thousand rows deep.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** Rows of a list that paging reaches at most: (page + 1) × size ≤ this. */
    public static final int MAX_DEPTH = 10_000;

    /** Parses the raw parameters (strings, so a bad number is our 400 and not JAX-RS's 404). */
    public static PageRequest parse(String page, String size) {
        int p = parseOr(page, 0, "invalid_page", "page must be a whole number from 0");
        int s = parseOr(size, DEFAULT_SIZE, "invalid_size", "size must be a whole number from 1 to " + MAX_SIZE);
        if (p < 0) {
            throw ApiException.badRequest("invalid_page", "page must be a whole number from 0");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ApiException.badRequest("invalid_size", "size must be a whole number from 1 to " + MAX_SIZE);
        }
        if ((p + 1L) * s > MAX_DEPTH) {
            throw ApiException.badRequest("invalid_page",
                    "A page may reach row " + MAX_DEPTH + " at most: (page + 1) × size ≤ " + MAX_DEPTH);
        }
        return new PageRequest(p, s);
    }

    private static int parseOr(String value, int absent, String code, String message) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(code, message);
        }
    }
}
