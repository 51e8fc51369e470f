package dev.quarkade.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.api.ApiException;
import dev.quarkade.player.Player;
import dev.quarkade.player.PlayerRepository;
import dev.quarkade.player.PlayerService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The guest, register and login flows: validate, check the password off the event loop, open a session. */
@ApplicationScoped
public class AuthService {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{3,24}");
    /** Letters, marks, digits, punctuation, symbols and plain spaces: no control or invisible format characters. */
    private static final Pattern PRINTABLE = Pattern.compile("[\\p{L}\\p{M}\\p{N}\\p{P}\\p{S} ]+");
    static final int MAX_NAME_LENGTH = 24;
    /** Letters and symbols that render as blank space: the Hangul fillers and the blank Braille pattern. */
    private static final Set<Integer> BLANK = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800);
    static final int MIN_PASSWORD_LENGTH = 8;
    /** bcrypt ignores everything after 72 bytes; longer passwords are refused rather than silently cut. */
    static final int MAX_PASSWORD_BYTES = 72;

    private final PlayerService playerService;
    private final PlayerRepository players;
    private final SessionService sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final RandomTokens random;
    private final AuthLimits limits;
    private final AdminConfig admins;

    AuthService(PlayerService playerService, PlayerRepository players, SessionService sessions,
            PasswordHasher hasher, LoginThrottle throttle, RandomTokens random, AuthLimits limits,
            AdminConfig admins) {
        this.playerService = playerService;
        this.players = players;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.random = random;
        this.limits = limits;
        this.admins = admins;
    }

    /** A new guest named {@code name}, or "Guest-NNNN" when none is given, for a client at {@code address}. */
    public Uni<AuthTokens> guest(String name, String address) {
        String guestName = name == null ? "Guest-%04d".formatted(random.nextInt(10_000)) : validName(name);
        limits.guest(address);
        return Panache.withTransaction(() -> playerService.createGuest(guestName).chain(sessions::start));
    }

    /**
     * A new account for a client at {@code address}. A name listed in {@code quarkade.admin.usernames} cannot be
     * registered (403 {@code reserved_username}): registering never grants a role.
     */
    public Uni<AuthTokens> register(String username, String password, String address) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest("invalid_username", "A username is 3 to 24 letters, digits or _");
        }
        validPassword(password);
        if (admins.isAdmin(username)) {
            // Fail closed: a listed name nobody has registered yet must not make its first taker an operator.
            throw new ApiException(403, "reserved_username",
                    "This username is reserved by the server's configuration (quarkade.admin.usernames)");
        }
        limits.passwordAttempt(address);
        return hasher.hash(password).chain(hash -> Panache.withTransaction(
                () -> playerService.register(username, hash).chain(sessions::start)));
    }

    /**
     * Checks a username and password sent from {@code address}. Unknown usernames cost the same bcrypt work as wrong
     * passwords and get the same answer; a (username, address) pair that must wait ({@link LoginThrottle}) gets 429
     * even with the right password, and any other address may still try.
     */
    public Uni<AuthTokens> login(String username, String password, String address) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw ApiException.badRequest("missing_credentials", "Send a username and a password");
        }
        // A name no account can have is never counted: the throttle's map holds only well-formed usernames.
        boolean wellFormed = USERNAME.matcher(username).matches();
        Optional<Duration> wait = wellFormed ? throttle.waitFor(username, address) : Optional.empty();
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw ApiException.tooManyRequests("login_locked",
                    "Too many failed logins for this username from your address; try again in " + seconds + " s",
                    seconds);
        }
        limits.passwordAttempt(address);
        Uni<Player> account = wellFormed
                ? Panache.withSession(() -> players.findByUsername(username))
                : Uni.createFrom().nullItem();
        return account
                .chain(player -> hasher.matches(password, player == null ? null : player.passwordHash)
                        .map(ok -> ok ? player : null))
                .chain(player -> {
                    if (player == null) {
                        if (wellFormed) {
                            throttle.recordFailure(username, address);
                        }
                        return Uni.createFrom().failure(ApiException.unauthorized("invalid_credentials",
                                "Wrong username or password"));
                    }
                    throttle.reset(username, address);
                    return Panache.withTransaction(() -> sessions.start(player));
                });
    }

    static String validName(String name) {
        String trimmed = name.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < 1 || length > MAX_NAME_LENGTH || !PRINTABLE.matcher(trimmed).matches() || !visible(trimmed)) {
            throw ApiException.badRequest("invalid_name", "A name is 1 to 24 printable characters, not all of them invisible");
        }
        return trimmed;
    }

    /**
     * A name other players can see: it does not start with a combining mark (there is nothing for it to sit on) and
     * holds at least one character that draws something, not only marks or the fillers that render blank.
     */
    private static boolean visible(String name) {
        return !isMark(name.codePointAt(0)) && name.codePoints()
                .anyMatch(cp -> !isMark(cp) && !Character.isSpaceChar(cp) && !BLANK.contains(cp));
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static void validPassword(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw ApiException.badRequest("password_too_short", "A password has at least 8 characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.badRequest("password_too_long", "A password has at most 72 bytes (UTF-8)");
        }
    }
}
