package io.scalecast.fit.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Per-family fit configuration. */
@ApplicationScoped
public class FamilyConfigRepository implements PanacheRepository<FamilyConfig> {

    public Optional<FamilyConfig> findFamily(String lab, String family) {
        return find("lab = ?1 and family = ?2", lab, family).firstResultOptional();
    }
}
