package dev.quarkade.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * Serves the operator console at {@code /admin}: the page is {@code admin/index.html} of the game client build, which
 * the static handler serves at {@code /admin/}. The page is public and holds no data; every call it makes is to
 * {@code /api/admin}, which refuses anyone but admins.
 */
@ApplicationScoped
public class ConsolePage {

    void install(@Observes Router router) {
        // A plain "/admin" route would also match "/admin/" (Vert.x ignores a trailing slash) and redirect for ever.
        router.getWithRegex("/admin").handler(context -> context.redirect("/admin/"));
    }
}
