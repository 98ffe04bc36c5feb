package io.scalecast.fit.model;

import io.scalecast.support.dirty.DirtyFamilyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Per-family change tracking of data and configuration. */
@ApplicationScoped
public class FamilyStateRepository extends DirtyFamilyRepository<FamilyState> {

    @Override
    protected FamilyState newRow() {
        return new FamilyState();
    }

    /** Records a configuration change of a family; the family becomes due like on new data. */
    public void touchConfig(String lab, String family) {
        touch(lab, family, "configVersion = configVersion + 1", s -> s.configVersion = 1);
    }

    /** Records a change of a family's runs alone (a plan, the target): the family is due to reforecast its runs. */
    public void touchRuns(String lab, String family) {
        touch(lab, family, "runsVersion = runsVersion + 1", s -> s.runsVersion = 1);
    }

    /** Records the data and configuration versions the family's laws were just fitted at. */
    public void lawsFitted(long id, long dataVersion, long configVersion) {
        update("lawsDataVersion = ?2, lawsConfigVersion = ?3, lawsFittedAt = ?4 where id = ?1", id, dataVersion,
                configVersion, Instant.now());
    }

    /**
     * Marks the family clean if neither its data, its configuration nor its runs changed since the fit read them;
     * returns whether it did.
     */
    public boolean markClean(long id, long dataVersion, long configVersion, long runsVersion) {
        return update("dirty = false, firstDirtyAt = null where id = ?1 and dataVersion = ?2 and configVersion = ?3"
                + " and runsVersion = ?4", id, dataVersion, configVersion, runsVersion) == 1;
    }
}
