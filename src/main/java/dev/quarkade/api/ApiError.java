package dev.quarkade.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The JSON body of every 4xx answer: a stable machine-readable {@code error} code and a human-readable message. */
@RegisterForReflection // Jackson writes it; in a native image only registered classes can be read reflectively
public record ApiError(String error, String message) {
}
