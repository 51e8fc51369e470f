package dev.quarkade.api;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Turns every failure a REST resource can raise into a status code with an {@link ApiError} body. */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response.ResponseBuilder response = json(e.status(), e.toBody());
        e.headers().forEach(response::header);
        return response.build();
    }

    // Authentication is lazy (quarkus.http.auth.proactive=false), so a missing or bad token surfaces here, inside
    // REST, where it can get a JSON body; with proactive authentication the HTTP layer would answer before us.
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e) {
        return json(401, new ApiError("unauthorized", "A valid Bearer access token is required"))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, new ApiError("forbidden", "Not allowed for this player")).build();
    }

    // MismatchedInputException is named on its own because quarkus-rest-jackson maps exactly that type itself.
    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class })
    public Response invalidJson(JsonProcessingException e) {
        return json(400, new ApiError("invalid_json", "The request body is not valid JSON for this endpoint"))
                .build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(404, new ApiError("not_found", "No such resource")).build();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return json(405, new ApiError("method_not_allowed", "This method is not allowed here")).build();
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return json(415, new ApiError("unsupported_media_type", "Send application/json")).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return json(status, new ApiError("internal", "The server could not complete the request")).build();
        }
        if (status == 413) {
            return tooLarge().build();
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return invalidJson((JsonProcessingException) e.getCause());
        }
        return json(status, new ApiError("bad_request", "The request could not be understood")).build();
    }

    static Response.ResponseBuilder tooLarge() {
        return json(413, new ApiError("body_too_large", "The request body is larger than this server accepts"));
    }

    static Response.ResponseBuilder json(int status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }
}
