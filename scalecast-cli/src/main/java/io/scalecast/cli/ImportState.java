package io.scalecast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How far the import of one CSV got: the rows ingest-service accepted, for this family, lab and selection of rows and
 * this version of the file (its size and modification time), kept in {@code FILE.csv.scalecast-import} and replaced
 * atomically.
 *
 * @param csv the input file
 * @param family the family imported into
 * @param lab the lab named, or null for the key's
 * @param selection what was sent of the file: checkpoints or evals, and the filters
 * @param size the file's size when read
 * @param modified its modification time in milliseconds
 * @param rows the data rows accepted, from the first
 */
record ImportState(Path csv, String family, String lab, String selection, long size, long modified, long rows) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A state of nothing sent yet. */
    static ImportState fresh(Path csv, String family, String lab, String selection) throws IOException {
        return new ImportState(csv, family, lab, selection, Files.size(csv), Files.getLastModifiedTime(csv).toMillis(),
                0);
    }

    /** The stored state when it is of this file, family, lab and selection; else a fresh one. */
    static ImportState read(Path csv, String family, String lab, String selection) throws IOException {
        ImportState fresh = fresh(csv, family, lab, selection);
        Path file = file(csv);
        if (!Files.isRegularFile(file)) {
            return fresh;
        }
        JsonNode s = JSON.readTree(file.toFile());
        boolean same = family.equals(s.path("family").asText()) && Objects.equals(lab, s.path("lab").textValue())
                && selection.equals(s.path("selection").asText()) && s.path("size").asLong() == fresh.size() && s.path("modified").asLong() == fresh.modified();
        return same ? fresh.at(s.path("rows").asLong()) : fresh;
    }

    /** This state with {@code accepted} rows. */
    ImportState at(long accepted) {
        return new ImportState(csv, family, lab, selection, size, modified, accepted);
    }

    /** Stores the state beside the file, replacing the last one whole. */
    void write() throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("family", family);
        s.put("lab", lab);
        s.put("selection", selection);
        s.put("size", size);
        s.put("modified", modified);
        s.put("rows", rows);
        Path file = file(csv);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), s);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path file(Path csv) {
        return csv.resolveSibling(csv.getFileName() + ImportCommand.STATE_SUFFIX);
    }
}
