package io.scalecast.auth.rest;

import io.scalecast.auth.Caller;
import io.scalecast.auth.KeyTable;
import io.scalecast.auth.RateLimiter;
import io.scalecast.auth.Role;
import io.scalecast.auth.config.AuthConfig;
import io.scalecast.contracts.access.ApiKeys;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Admits a REST request only with a live API key of the role its endpoint needs, within the key's request rate;
 * health and OpenAPI are not REST resources and never pass here. Messages name a key by its public id only.
 */
public class BearerAuthFilter {

    private static final String BEARER = "Bearer ";
    private static final String HEADER = HttpHeaders.AUTHORIZATION;

    private final AuthConfig config;
    private final KeyTable keys;
    private final CurrentCaller current;
    private final RateLimiter limiter;
    /** The operator key's SHA-256 as configured, normalised once; empty when there is no operator key. */
    private final Optional<String> operatorSha256;

    public BearerAuthFilter(AuthConfig config, KeyTable keys, CurrentCaller current) {
        this.config = config;
        this.keys = keys;
        this.current = current;
        this.limiter = new RateLimiter(config.requestsPerSecond(), config.burst(), System::nanoTime);
        this.operatorSha256 = config.operatorKeySha256().map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty());
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        if (!config.enabled()) {
            current.set(Caller.UNCHECKED);
            return Optional.empty();
        }
        String header = request.getHeaderString(HEADER);
        if (header == null || !header.startsWith(BEARER)) {
            return Optional.of(unauthorized("send the API key as '" + HEADER + ": Bearer sc_<id>_<secret>'"));
        }
        Optional<ApiKeys.Token> token = ApiKeys.parse(header.substring(BEARER.length()));
        if (token.isEmpty()) {
            return Optional.of(unauthorized("the bearer token is not an API key of the form sc_<id>_<secret>"));
        }
        if (!keys.caughtUp()) {
            return Optional.of(refuse(503, "API keys are still being read from " + config.topic(), 1));
        }
        Optional<Caller> caller = identify(token.get());
        if (caller.isEmpty()) {
            return Optional.of(unauthorized("key " + token.get() + " is unknown or revoked"));
        }
        return admit(caller.get(), needed(resource));
    }

    /** The rate and role checks of a known caller. */
    private Optional<Response> admit(Caller caller, Role needed) {
        long retryAfter = limiter.acquire(caller.keyId());
        if (retryAfter > 0) {
            return Optional.of(refuse(429, "key " + caller.keyId() + " made more than " + config.requestsPerSecond()
                    + " requests per second (scalecast.auth.requests-per-second, bursts of " + config.burst()
                    + ": scalecast.auth.burst)", retryAfter));
        }
        if (needed == null || !caller.role().grants(needed)) {
            String what = needed == null ? "is closed to every key" : "needs a key with role " + needed.wireName();
            return Optional.of(error(403, "this endpoint " + what + "; key " + caller.keyId() + " has role "
                    + caller.role().wireName()));
        }
        current.set(caller);
        return Optional.empty();
    }

    private Optional<Caller> identify(ApiKeys.Token token) {
        if (operatorSha256.isPresent() && ApiKeys.matches(operatorSha256.get(), token.value())) {
            return Optional.of(Caller.OPERATOR);
        }
        return keys.find(token);
    }

    private static Role needed(ResourceInfo resource) {
        RequiresRole onMethod = resource.getResourceMethod().getAnnotation(RequiresRole.class);
        if (onMethod != null) {
            return onMethod.value();
        }
        RequiresRole onClass = resource.getResourceClass().getAnnotation(RequiresRole.class);
        return onClass == null ? null : onClass.value();
    }

    private static Response unauthorized(String message) {
        return Response.fromResponse(error(401, message)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static Response refuse(int status, String message, long retryAfterSeconds) {
        return Response.fromResponse(error(status, message)).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .build();
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(message, HEADER))
                .build();
    }
}
