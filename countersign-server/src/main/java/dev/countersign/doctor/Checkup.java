package dev.countersign.doctor;

import java.util.List;

/** All checks of one run, in the order they were made. */
public record Checkup(List<Check> checks) {

    public Checkup {
        checks = List.copyOf(checks);
    }

    /** True when no check failed (warnings are allowed). */
    public boolean healthy() {
        return checks.stream().noneMatch(Check::failed);
    }
}
