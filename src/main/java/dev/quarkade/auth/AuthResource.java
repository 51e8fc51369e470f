package dev.quarkade.auth;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import dev.quarkade.api.ApiException;
import dev.quarkade.api.ClientAddress;
import dev.quarkade.api.Uncancellable;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Guest sign-in, registration, login, token refresh and logout. Each runs to its end when its client goes away
 * ({@link Uncancellable}): a session or transaction is never cut off halfway.
 */
@Path("/api/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    /** Body of POST /api/auth/guest; the body and the name are optional. */
    public record GuestRequest(String name) {
    }

    /** Body of POST /api/auth/register and /api/auth/login. */
    public record Credentials(String username, String password) {
    }

    /** Body of POST /api/auth/refresh. */
    public record RefreshRequest(String refreshToken) {
    }

    @Inject
    AuthService auth;

    @Inject
    SessionService sessions;

    @Inject
    SecurityIdentity identity;

    @POST
    @Path("/guest")
    public Uni<AuthTokens> guest(GuestRequest request, @Context HttpServerRequest http) {
        String name = request == null ? null : request.name();
        String address = ClientAddress.of(http);
        return Uncancellable.run(() -> auth.guest(name, address));
    }

    @POST
    @Path("/register")
    public Uni<RestResponse<AuthTokens>> register(Credentials credentials, @Context HttpServerRequest http) {
        Credentials given = credentials == null ? new Credentials(null, null) : credentials;
        String address = ClientAddress.of(http);
        return Uncancellable.run(() -> auth.register(given.username(), given.password(), address))
                .map(tokens -> RestResponse.status(RestResponse.Status.CREATED, tokens));
    }

    @POST
    @Path("/login")
    public Uni<AuthTokens> login(Credentials credentials, @Context HttpServerRequest http) {
        Credentials given = credentials == null ? new Credentials(null, null) : credentials;
        String address = ClientAddress.of(http);
        return Uncancellable.run(() -> auth.login(given.username(), given.password(), address));
    }

    @POST
    @Path("/refresh")
    public Uni<AuthTokens> refresh(RefreshRequest request) {
        if (request == null || request.refreshToken() == null || request.refreshToken().isBlank()) {
            throw ApiException.badRequest("missing_refresh_token", "Send the refreshToken to exchange");
        }
        return Uncancellable.run(() -> sessions.refresh(request.refreshToken()));
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    public Uni<RestResponse<Void>> logout() {
        UUID sessionId = TokenClaims.of(identity).sessionId();
        return Uncancellable.run(() -> sessions.revoke(sessionId, "logout")).map(done -> RestResponse.noContent());
    }
}
