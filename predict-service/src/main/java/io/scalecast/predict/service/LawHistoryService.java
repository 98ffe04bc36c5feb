package io.scalecast.predict.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.contracts.rest.FitHistoryEntry;
import io.scalecast.predict.client.FitHistoryClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * A family's law history, asked of fit-service with the caller's key: fit-service's refusals reach the caller as
 * they were said, and a fit-service that does not answer is a 503 that says so, never an empty history.
 */
@ApplicationScoped
public class LawHistoryService {

    private static final Logger LOG = Logger.getLogger(LawHistoryService.class);

    private final FitHistoryClient fit;
    private final ObjectMapper mapper;

    public LawHistoryService(@RestClient FitHistoryClient fit, ObjectMapper mapper) {
        this.fit = fit;
        this.mapper = mapper;
    }

    /** The page of the family's fits that {@link FitHistoryClient#fits} names. */
    public List<FitHistoryEntry> history(String authorization, String lab, String family, String law, Long before,
                                         int limit) {
        try {
            return fit.fits(authorization, family, lab, law, before, limit);
        } catch (WebApplicationException e) {
            throw refusal(e.getResponse());
        } catch (ProcessingException e) {
            LOG.warnf("fit-service did not answer the history of %s/%s: %s", lab, family, e.getMessage());
            throw unavailable("fit-service does not answer (" + e.getMessage() + ")");
        }
    }

    /** fit-service's own 4xx with its sentence and field; a 5xx as unavailable. */
    private RefusedException refusal(Response response) {
        int status = response.getStatus();
        if (status >= 500) {
            return unavailable("fit-service answered " + status);
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

    private static RefusedException unavailable(String why) {
        return new RefusedException(503, null, "the law history is unavailable for now: " + why);
    }
}
