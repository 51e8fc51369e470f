package dev.quarkade.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a verified access token into a SecurityIdentity: principal = player id, role "player" plus
 * the roles of its {@code groups} claim, the claims.
 */
@ApplicationScoped
public class BearerIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The one role every signed-in player has. */
    public static final String PLAYER_ROLE = "player";
    /** The role of operators, granted by {@code quarkade.admin.usernames} (see {@link AdminConfig}). */
    public static final String ADMIN_ROLE = "admin";

    private static final Logger LOG = Logger.getLogger(BearerIdentityProvider.class);

    private final TokenVerifier verifier;

    BearerIdentityProvider(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return verifier.verify(request.getToken().getToken())
                .map(claims -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(claims.playerId().toString()))
                        .addRole(PLAYER_ROLE)
                        .addRoles(claims.roles())
                        .addCredential(request.getToken())
                        .addAttribute(TokenClaims.ATTRIBUTE, claims)
                        .build())
                .onFailure(InvalidTokenException.class).transform(e -> {
                    LOG.debugf("Bearer token refused: %s", e.getMessage());
                    return new AuthenticationFailedException(e.getMessage());
                });
    }
}
