package dev.countersign.demo;

import java.nio.file.Path;

/** What {@code countersign demo} prints once everything runs: where to look, and what to do first. */
final class DemoReport {

    private DemoReport() {}

    static String of(Demo demo, Path workingDirectory) {
        DemoPeople people = demo.people();
        String dataDir = shown(demo.dataDir(), workingDirectory);
        String service = demo.serviceUrl().toString();
        StringBuilder out = new StringBuilder();
        out.append("Countersign demo is running.\n\n");
        out.append("  Sandbox (emulated Slack): ").append(demo.sandboxUrl()).append("   <- open this in a browser\n");
        out.append("  Service:                  ")
                .append(service)
                .append("   (REST API under /api/v1, OpenAPI at /v3/api-docs)\n");
        out.append("  API token, database, log: ").append(dataDir).append("/\n\n");
        out.append("  People: ")
                .append(people.requester().realName())
                .append(" asks; ")
                .append(people.firstApprover().realName())
                .append(" or ")
                .append(people.secondApprover().realName())
                .append(" approve level 1, ")
                .append(people.finalApprover().realName())
                .append(" level 2; ")
                .append(people.executor().realName())
                .append(" runs the work.\n");
        out.append("          ").append(demo.delegation()).append("\n\n");
        out.append("  Example requests:\n");
        for (DemoRequest request : demo.requests()) {
            out.append(String.format("    %-24s %s%n", request.kind(), request.title()));
            out.append(String.format("    %-24s %s/api/v1/requests/%s%n", "", service, request.id()));
        }
        out.append("  Follow one from the CLI:  COUNTERSIGN_URL=")
                .append(service)
                .append(" COUNTERSIGN_DATA_DIR=")
                .append(dataDir)
                .append(" ./countersign status ")
                .append(demo.requests().getFirst().id())
                .append("\n\n");
        out.append("What to do:\n");
        out.append("  1. Open the sandbox, pick ")
                .append(people.firstApprover().realName())
                .append(" and click Approve on \"")
                .append(demo.requests().getFirst().title())
                .append("\"; then pick ")
                .append(people.finalApprover().realName())
                .append(" and approve level 2.\n");
        out.append("  2. Pick ")
                .append(people.requester().realName())
                .append(" to see the outcome, ")
                .append(people.executor().realName())
                .append(" to see he may run it; try Reject too. ")
                .append("Ctrl-C stops the demo.\n");
        return out.toString();
    }

    /** The data directory as the user would type it: relative to where they are when it is below. */
    private static String shown(Path dataDir, Path workingDirectory) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        Path here = workingDirectory.toAbsolutePath().normalize();
        return absolute.startsWith(here) && !absolute.equals(here)
                ? "./" + here.relativize(absolute)
                : absolute.toString();
    }
}
