package io.scalecast.fit.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The plans of each family's runs. */
@ApplicationScoped
public class PlannedRunRepository implements PanacheRepository<PlannedRun> {

    /** Every plan of a family. */
    public List<PlannedRun> forFamily(String lab, String family) {
        return list("lab = ?1 and family = ?2", lab, family);
    }

    /** Whether any run of the family has a plan. */
    public boolean anyIn(String lab, String family) {
        return find("lab = ?1 and family = ?2", lab, family).firstResultOptional().isPresent();
    }
}
