package dev.countersign.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, written by the build. */
final class CountersignVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = CountersignVersion.class.getPackage().getImplementationVersion();
        return new String[] {"Countersign " + (version == null ? "(development build)" : version)};
    }
}
