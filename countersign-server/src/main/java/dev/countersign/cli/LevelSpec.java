package dev.countersign.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One approval level as typed on the command line: {@code bob@example.com,carol@example.com:1}.
 *
 * <p>Approvers are separated by commas; after the last {@code :} comes the rule, a number of approvals (quorum)
 * or {@code all}. Without a {@code :} the rule is {@code all}. The server has the final word on validity
 * (e-mail syntax, at most 50 approvers); what can be checked here is checked so that a typo exits 3 before
 * anything is sent.
 *
 * @param approvers the approvers' e-mail addresses, in order, at least one
 * @param quorum    the number of approvals required, or empty when all approvers must approve
 */
record LevelSpec(List<String> approvers, OptionalInt quorum) {

    LevelSpec {
        approvers = List.copyOf(approvers);
    }

    static LevelSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a level needs approvers, e.g. bob@example.com,carol@example.com:1");
        }
        int colon = text.lastIndexOf(':');
        String approverList = colon < 0 ? text : text.substring(0, colon);
        OptionalInt quorum =
                colon < 0 ? OptionalInt.empty() : rule(text.substring(colon + 1).strip(), text);
        List<String> approvers = approvers(approverList, text);
        if (quorum.isPresent() && quorum.getAsInt() > approvers.size()) {
            throw new IllegalArgumentException("level '" + text + "' requires " + quorum.getAsInt()
                    + " approvals but names only " + approvers.size()
                    + (approvers.size() == 1 ? " approver" : " approvers"));
        }
        return new LevelSpec(approvers, quorum);
    }

    /** The level as the REST API takes it: {@code {"approvers":[...],"required":1|"all"}}. */
    Map<String, Object> toJson() {
        return Map.of("approvers", approvers, "required", quorum.isPresent() ? (Object) quorum.getAsInt() : "all");
    }

    private static OptionalInt rule(String rule, String text) {
        if (rule.toLowerCase(Locale.ROOT).equals("all")) {
            return OptionalInt.empty();
        }
        if (!rule.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("'" + rule + "' in level '" + text + "' is not a rule; after the last "
                    + "':' put the number of approvals required (1..number of approvers) or 'all'");
        }
        int quorum = Integer.parseInt(rule);
        if (quorum < 1) {
            throw new IllegalArgumentException(
                    "level '" + text + "' requires " + quorum + " approvals; it must require at least 1 (or 'all')");
        }
        return OptionalInt.of(quorum);
    }

    private static List<String> approvers(String approverList, String text) {
        List<String> approvers = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String approver : approverList.split(",", -1)) {
            String trimmed = approver.strip();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("level '" + text + "' has an empty approver; list e-mail addresses "
                        + "separated by commas, then ':' and the rule, e.g. bob@example.com,carol@example.com:1");
            }
            if (!seen.add(trimmed.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("level '" + text + "' names " + trimmed + " twice");
            }
            approvers.add(trimmed);
        }
        return approvers;
    }

    /** Lets picocli report a malformed {@code --level} as a usage error (exit 3). */
    static final class Converter implements ITypeConverter<LevelSpec> {
        @Override
        public LevelSpec convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
