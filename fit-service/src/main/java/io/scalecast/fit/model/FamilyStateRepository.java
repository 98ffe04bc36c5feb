package io.scalecast.fit.model;

import io.scalecast.support.dirty.DirtyFamilyRepository;
import jakarta.enterprise.context.ApplicationScoped;

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

    /**
     * Marks the family clean if neither its data nor its configuration changed since the fit read them; returns
     * whether it did.
     */
    public boolean markClean(long id, long dataVersion, long configVersion) {
        return update("dirty = false, firstDirtyAt = null where id = ?1 and dataVersion = ?2 and configVersion = ?3",
                id, dataVersion, configVersion) == 1;
    }
}
