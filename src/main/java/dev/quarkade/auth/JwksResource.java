package dev.quarkade.auth;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Publishes our public signing keys so other services can verify our access tokens themselves. */
@Path("/.well-known/jwks.json")
public class JwksResource {

    @Inject
    SigningKeys keys;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        // Verifiers cache this; five minutes keeps a newly added rotation key from waiting long to be trusted.
        return Response.ok(keys.jwks()).header("Cache-Control", "public, max-age=300").build();
    }
}
