package io.scalecast.auth.rest;

/**
 * The JSON body of a 4xx answer of every service: access errors here, bad queries and fields in the services.
 *
 * @param error what is wrong
 * @param field the header, parameter or event field at fault
 */
public record ErrorBody(String error, String field) {
}
