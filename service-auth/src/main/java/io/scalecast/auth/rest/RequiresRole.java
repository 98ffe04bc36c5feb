package io.scalecast.auth.rest;

import io.scalecast.auth.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role a resource method (or every method of a resource class) needs; an endpoint without one is refused to
 * every key, so that a new endpoint is closed until someone decides who may call it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresRole {

    /** The role needed; an admin key passes every role. */
    Role value();
}
