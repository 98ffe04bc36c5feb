package io.scalecast.predict.client;

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

/** fit-service's fit history over REST, which owns every version's figures (the laws topic keeps only the newest). */
@RegisterRestClient(configKey = "fit")
@Path("/api/v1/families")
@Produces(MediaType.APPLICATION_JSON)
public interface FitHistoryClient {

    /** A page of the family's fits, newest first, asked with the caller's own key. */
    @GET
    @Path("/{family}/fits")
    List<FitHistoryEntry> fits(@HeaderParam("Authorization") String authorization,
                               @PathParam("family") String family, @QueryParam("lab") String lab,
                               @QueryParam("law") String law, @QueryParam("before") Long before,
                               @QueryParam("limit") int limit);
}
