package io.scalecast.auth.rest;

/**
 * The JSON body of an access error, the same shape as every service's 4xx body.
 *
 * @param error what is wrong
 * @param field the header, parameter or event field at fault
 */
public record ErrorBody(String error, String field) {
}
