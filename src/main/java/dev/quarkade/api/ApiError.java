package dev.quarkade.api;

/** The JSON body of every 4xx answer: a stable machine-readable {@code error} code and a human-readable message. */
public record ApiError(String error, String message) {
}
