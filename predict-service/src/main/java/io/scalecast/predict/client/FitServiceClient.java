package io.scalecast.predict.client;

import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.contracts.event.RunAlert;
import io.scalecast.contracts.rest.FitHistoryEntry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * What only fit-service holds, over REST with the caller's own key: every version's figures (the laws topic keeps only
 * the newest) and the runs' incidents (their topic has no consumer of ours).
 */
@RegisterRestClient(configKey = "fit")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface FitServiceClient {

    /** A page of the family's fits, newest first. */
    @GET
    @Path("/families/{family}/fits")
    List<FitHistoryEntry> fits(@HeaderParam("Authorization") String authorization,
                               @PathParam("family") String family, @QueryParam("lab") String lab,
                               @QueryParam("law") String law, @QueryParam("before") Long before,
                               @QueryParam("limit") int limit);

    /** One published version of the family's law, with its draws, while fit-service keeps it whole. */
    @GET
    @Path("/families/{family}/fits/{version}")
    FittedLaw law(@HeaderParam("Authorization") String authorization, @PathParam("family") String family,
                  @PathParam("version") long version, @QueryParam("lab") String lab, @QueryParam("law") String law);

    /** The lab's (or family's) incidents raised since {@code since}, newest first. */
    @GET
    @Path("/alerts")
    List<RunAlert> alerts(@HeaderParam("Authorization") String authorization, @QueryParam("lab") String lab,
                          @QueryParam("family") String family, @QueryParam("since") String since);
}
