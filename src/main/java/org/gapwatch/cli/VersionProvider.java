package org.gapwatch.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getModule().getDescriptor() != null
                ? VersionProvider.class.getModule().getDescriptor().rawVersion().orElse("dev") : "dev";
        return new String[] {"gapwatch " + v};
    }
}
