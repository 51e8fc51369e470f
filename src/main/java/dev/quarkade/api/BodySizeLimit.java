package dev.quarkade.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request whose declared body is over {@code quarkus.http.limits.max-body-size} with 413 and an
 * {@link ApiError}.
 *
 * <p>
 * Quarkus enforces the same limit at route order -2 with an empty 413; this runs just before it so clients get the
 * JSON body every other error has. Chunked bodies (no Content-Length) are still cut off by Quarkus while they are
 * read, and that failure reaches {@link ApiExceptionMappers} as a 413.
 */
@ApplicationScoped
public class BodySizeLimit {

    private static final int BEFORE_QUARKUS_LIMIT = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(BEFORE_QUARKUS_LIMIT).handler(context -> check(context, limit));
    }

    private static void check(RoutingContext context, long limit) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parse(declared) > limit) {
            // Closing is the only safe way on: the oversized body is still arriving and we will not read it.
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Json.encode(new ApiError("body_too_large",
                            "The request body is larger than " + limit + " bytes")));
            return;
        }
        context.next();
    }

    private static long parse(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1; // malformed: left to the HTTP server, which rejects it
        }
    }
}
