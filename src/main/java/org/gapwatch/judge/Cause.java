package org.gapwatch.judge;

/** Where a loss episode's loss came from, as far as the evidence shows. */
public enum Cause {
    /** This machine's sockets dropped datagrams, enough to account for the loss. */
    THIS_MACHINE("this machine"),
    /** The losing sources share one sender while other senders' sources on the same groups do not lose. */
    ONE_PUBLISHER("one publisher"),
    /** The losing sources are those of one subscription (group and port); other subscriptions do not lose. */
    ONE_GROUP("one group"),
    /**
     * Probes elsewhere lost at one vantage point but not at another (the loss is between them), or several senders
     * on several groups lost in the same seconds, with no socket drops at this machine.
     */
    NETWORK("the network"),
    /** The evidence is too thin to say; the evidence text says what is missing. */
    UNDETERMINED("undetermined");

    private final String label;

    Cause(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The name in JSON reports: {@code this-machine}, {@code one-publisher}, ... */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
