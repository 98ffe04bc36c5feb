package io.scalecast.eval.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The newest loss law of each family. */
@ApplicationScoped
public class LossLawRepository implements PanacheRepository<LossLaw> {

    public Optional<LossLaw> forFamily(String lab, String family) {
        return find("lab = ?1 and family = ?2", lab, family).firstResultOptional();
    }
}
