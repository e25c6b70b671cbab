package dev.countersign.cli;

import java.util.List;
import java.util.StringJoiner;

/** Rows as left-aligned columns two spaces apart, the last column unpadded: how the CLI prints a page of things. */
final class Columns {

    private Columns() {}

    static String of(List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringJoiner line = new StringJoiner("  ");
            for (int column = 0; column < row.length; column++) {
                line.add(
                        column == row.length - 1
                                ? row[column]
                                : row[column] + " ".repeat(widths[column] - row[column].length()));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
