package io.scalecast.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One CSV file as read: its delimiter (comma, semicolon or tab, sniffed from the header), its header and the rows
 * that pass the filters, each row with its place in the file so that a bad value is reported by row and column.
 * Read as RFC 4180 (a quoted field may hold delimiters, quotes and line breaks); a file whose first row is numbers, a
 * header without rows and a row with more or fewer fields than the header are refused with the reason.
 *
 * @param file the file
 * @param delimiter its delimiter
 * @param header the column names, trimmed, without a byte-order mark
 * @param rows the rows that pass the filters
 * @param rowsRead every data row of the file
 */
record CsvTable(Path file, char delimiter, List<String> header, List<Row> rows, int rowsRead) {

    /** The byte-order mark some tools write before a UTF-8 file's first byte. */
    private static final String BOM = "\uFEFF";
    private static final char[] DELIMITERS = {',', ';', '\t'};

    /**
     * Reads {@code file} as a stream of records (a million-row table is never held as text), keeping the rows that
     * pass {@code filters}.
     */
    static CsvTable read(Path file, Map<String, String> filters) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("no such file: " + file);
        }
        char delimiter = delimiter(firstLine(file));
        try (CSVParser parser = parser(file, delimiter)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new CliException(file + " is empty");
            }
            List<String> header = records.next().stream().map(h -> h.replace(BOM, "").trim()).toList();
            if (header.stream().allMatch(CsvTable::isNumber)) {
                throw new CliException(file + " has no header row: its first row is numbers ("
                        + String.join(", ", header) + "); add a first row naming the columns, e.g. tokens,loss");
            }
            Where where = Where.of(file, header, filters);
            List<Row> rows = new ArrayList<>();
            int read = 0;
            while (records.hasNext()) {
                CSVRecord r = records.next();
                read++;
                String[] f = r.values();
                if (f.length != header.size()) {
                    throw new CliException(file + " row " + r.getRecordNumber() + ": has " + f.length
                            + " fields, the header has " + header.size() + describeOther(delimiter));
                }
                if (where.keeps(f)) {
                    rows.add(new Row(file, header, (int) r.getRecordNumber(), f));
                }
            }
            if (read == 0) {
                throw new CliException(file + " has a header and no rows");
            }
            return new CsvTable(file, delimiter, header, rows, read);
        } catch (IOException | UncheckedIOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** How the file was read, for the report on stderr: its rows and, when not commas, its delimiter. */
    String describe() {
        return file.getFileName() + ": " + rowsRead + " rows" + (delimiter == ',' ? ""
                : delimiter == ';' ? " (semicolon-separated)" : " (tab-separated)");
    }

    /** The column of a role: the one {@code --columns} names, else the first with one of the role's common names. */
    int column(String role, Map<String, String> columns, boolean required) {
        return column(file, header, role, columns, required);
    }

    /** The column of a role in {@code header} of {@code file}, as {@link #column(String, Map, boolean)} finds it. */
    static int column(Path file, List<String> header, String role, Map<String, String> columns, boolean required) {
        if (columns.containsKey(role)) {
            return index(file, header, columns.get(role));
        }
        for (String name : Dataset.COMMON.get(role)) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).toLowerCase(Locale.ROOT).equals(name)) {
                    return i;
                }
            }
        }
        if (required) {
            throw new CliException(file + ": no " + role + " column among " + header + "; name it with --columns "
                    + role + "=...");
        }
        return -1;
    }

    /**
     * The filters of {@code --filter} resolved to columns: a row is kept where each filtered column holds one of its
     * values. A bulk import asks this of every row, so it is a plain loop over arrays.
     *
     * @param columns the filtered columns
     * @param values each filtered column's accepted values
     */
    record Where(int[] columns, List<Set<String>> values) {

        /** {@code filters} (column name to {@code a|b} values) resolved against {@code header} of {@code file}. */
        static Where of(Path file, List<String> header, Map<String, String> filters) {
            int[] columns = new int[filters.size()];
            List<Set<String>> values = new ArrayList<>();
            int k = 0;
            for (Map.Entry<String, String> filter : filters.entrySet()) {
                int i = header.indexOf(filter.getKey());
                if (i < 0) {
                    throw new CliException(file + ": no column '" + filter.getKey() + "' among " + header
                            + " (--filter)");
                }
                columns[k++] = i;
                values.add(Set.copyOf(Arrays.asList(filter.getValue().split("\\|"))));
            }
            return new Where(columns, values);
        }

        /** Whether row {@code fields} passes every filter. */
        boolean keeps(String[] fields) {
            for (int k = 0; k < columns.length; k++) {
                if (columns[k] >= fields.length || !values.get(k).contains(fields[columns[k]].trim())) {
                    return false;
                }
            }
            return true;
        }
    }

    private static int index(Path file, List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new CliException(file + ": no column '" + name + "' among " + header);
        }
        return i;
    }

    /** The delimiter of a header line: the most frequent of comma, semicolon and tab outside quotes. */
    static char delimiter(String header) {
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        for (char ch : header.toCharArray()) {
            quoted ^= ch == '"';
            for (int k = 0; k < DELIMITERS.length && !quoted; k++) {
                counts[k] += ch == DELIMITERS[k] ? 1 : 0;
            }
        }
        int best = 0;
        for (int k = 1; k < DELIMITERS.length; k++) {
            best = counts[k] > counts[best] ? k : best;
        }
        return DELIMITERS[best];
    }

    private static String describeOther(char delimiter) {
        return delimiter == ',' ? "" : " (read as " + (delimiter == ';' ? "semicolon" : "tab") + "-separated)";
    }

    /** A streaming parser of {@code file}, its delimiter told from its first line that is not blank. */
    static CSVParser parser(Path file) throws IOException {
        return parser(file, delimiter(firstLine(file)));
    }

    private static CSVParser parser(Path file, char delimiter) throws IOException {
        return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get()
                .parse(Files.newBufferedReader(file, StandardCharsets.UTF_8));
    }

    /** The file's first line that is not blank, from which its delimiter is told. */
    private static String firstLine(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    return line;
                }
            }
            return "";
        } catch (IOException | UncheckedIOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** One data row with its place in the file. */
    record Row(Path file, List<String> header, int line, String[] fields) {

        double positive(int column) {
            double v = Numbers.parse(fields[column], where(column));
            if (v <= 0) {
                throw new CliException(where(column) + " must be > 0, was " + fields[column].trim());
            }
            return v;
        }

        double fraction(int column) {
            double v = Numbers.parse(fields[column], where(column));
            if (v < 0 || v > 1) {
                throw new CliException(where(column) + " must lie in [0, 1], was " + fields[column].trim());
            }
            return v;
        }

        String where(int column) {
            return file.getFileName() + " row " + line + ", column '" + header.get(column) + "'";
        }
    }
}
