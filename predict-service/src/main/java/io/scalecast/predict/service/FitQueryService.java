package io.scalecast.predict.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.contracts.event.RunAlert;
import io.scalecast.contracts.rest.FitHistoryEntry;
import io.scalecast.predict.client.FitServiceClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Asks fit-service, with the caller's key, what only it holds (a family's law history, the runs' incidents):
 * fit-service's refusals reach the caller as they were said, and a fit-service that does not answer is a 503 that says
 * so, never an empty answer.
 */
@ApplicationScoped
public class FitQueryService {

    private static final Logger LOG = Logger.getLogger(FitQueryService.class);

    private final FitServiceClient fit;
    private final ObjectMapper mapper;

    public FitQueryService(@RestClient FitServiceClient fit, ObjectMapper mapper) {
        this.fit = fit;
        this.mapper = mapper;
    }

    /** The page of the family's fits that {@link FitServiceClient#fits} names. */
    public List<FitHistoryEntry> history(String authorization, String lab, String family, String law, Long before,
                                         int limit) {
        return ask("the law history is", lab + "/" + family, () -> fit.fits(authorization, family, lab, law, before,
                limit));
    }

    /** Version {@code version} of the family's law of kind {@code law}, as fit-service stored it. */
    public FittedLaw law(String authorization, String lab, String family, String law, long version) {
        return ask("the law's versions are", lab + "/" + family, () -> fit.law(authorization, family, version, lab,
                law));
    }

    /** The lab's incidents, or the family's when {@code family} is not null, raised since {@code since}. */
    public List<RunAlert> alerts(String authorization, String lab, String family, String since) {
        return ask("the alerts are", family == null ? lab : lab + "/" + family,
                () -> fit.alerts(authorization, lab, family, since));
    }

    /** Asks fit-service; {@code what} is the subject of the 503's sentence with its verb ("the alerts are"). */
    private <T> T ask(String what, String of, Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            throw refusal(what, e.getResponse());
        } catch (ProcessingException e) {
            LOG.warnf("asking fit-service about %s: %s unavailable: %s", of, what, e.getMessage());
            throw unavailable(what, "fit-service does not answer (" + e.getMessage() + ")");
        }
    }

    /** fit-service's own 4xx with its sentence and field; a 5xx as unavailable. */
    private RefusedException refusal(String what, Response response) {
        int status = response.getStatus();
        if (status >= 500) {
            return unavailable(what, "fit-service answered " + status);
        }
        JsonNode body = body(response);
        String field = body.path("field").isTextual() ? body.path("field").asText() : null;
        return new RefusedException(status, field, body.path("error").asText("fit-service refused: " + status));
    }

    private JsonNode body(Response response) {
        try {
            return mapper.readTree(response.readEntity(String.class));
        } catch (JsonProcessingException | RuntimeException e) {
            return mapper.createObjectNode();
        }
    }

    private static RefusedException unavailable(String what, String why) {
        return new RefusedException(503, null, what + " unavailable for now: " + why);
    }
}
