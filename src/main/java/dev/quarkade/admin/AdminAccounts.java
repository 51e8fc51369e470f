package dev.quarkade.admin;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.quarkade.auth.AdminConfig;
import dev.quarkade.player.PlayerRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;

/**
 * Warns at start about every name in {@code quarkade.admin.usernames} that no account has: nobody can register a
 * listed name (registering never grants a role), so the account must be registered before its name is listed.
 */
@ApplicationScoped
public class AdminAccounts {

    private static final Logger LOG = Logger.getLogger(AdminAccounts.class);

    private final AdminConfig config;
    private final PlayerRepository players;

    public AdminAccounts(AdminConfig config, PlayerRepository players) {
        this.config = config;
        this.players = players;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> names = config.usernames().orElse(List.of()).stream().map(String::strip)
                .filter(n -> !n.isEmpty()).toList();
        if (names.isEmpty()) {
            return;
        }
        LOG.infof("Admin role granted to the accounts %s (quarkade.admin.usernames)", names);
        // Fire and forget, like the start record: a database that is down must not stop the server from starting.
        VertxContextSupport.subscribe(() -> Multi.createFrom().iterable(names)
                .onItem().transformToUniAndConcatenate(name -> Panache.withSession(() -> players.findByUsername(name))
                        .invoke(account -> {
                            if (account == null) {
                                LOG.warnf("quarkade.admin.usernames lists '%s', which no account has; a listed name "
                                        + "cannot be registered: unlist it, register it, then list it again.", name);
                            }
                        })),
                subscription -> subscription.with(found -> {
                }, failure -> LOG.warnf("Could not check the admin accounts: %s", failure.getMessage())));
    }
}
