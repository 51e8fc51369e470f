package dev.quarkade.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Stores {@link RefreshToken}s. */
@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, String> {

    /**
     * Finds a token and locks its row until the transaction ends, so two refreshes racing with one token are
     * serialised: the second sees it rotated and is treated as reuse.
     */
    public Uni<RefreshToken> findForRotation(String tokenHash) {
        return findById(tokenHash, LockModeType.PESSIMISTIC_WRITE);
    }
}
