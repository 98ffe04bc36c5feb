package io.scalecast.fit.config;

import io.scalecast.core.fit.SearchPolicy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the one warm-start policy of the configuration, shared by every law's fit service. */
public class SearchPolicyProducer {

    @Produces
    @Singleton
    SearchPolicy searchPolicy(FitConfig config) {
        return new SearchPolicy(config.fullSearchEvery(), config.warmObjectiveGrowth());
    }
}
