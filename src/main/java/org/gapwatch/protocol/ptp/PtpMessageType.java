package org.gapwatch.protocol.ptp;

/** The messageType values of IEEE 1588-2008 (13.3.2.2, Table 19), with their names in the standard. */
public enum PtpMessageType {
    SYNC(0x0, "Sync", 44),
    DELAY_REQ(0x1, "Delay_Req", 44),
    PDELAY_REQ(0x2, "Pdelay_Req", 54),
    PDELAY_RESP(0x3, "Pdelay_Resp", 54),
    FOLLOW_UP(0x8, "Follow_Up", 44),
    DELAY_RESP(0x9, "Delay_Resp", 54),
    PDELAY_RESP_FOLLOW_UP(0xA, "Pdelay_Resp_Follow_Up", 54),
    ANNOUNCE(0xB, "Announce", 64),
    SIGNALING(0xC, "Signaling", 44),
    MANAGEMENT(0xD, "Management", 48);

    private static final PtpMessageType[] BY_CODE = new PtpMessageType[16];

    static {
        for (PtpMessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String label;
    private final int minLength;

    PtpMessageType(int code, String label, int minLength) {
        this.code = code;
        this.label = label;
        this.minLength = minLength;
    }

    /** The 4-bit messageType. */
    public int code() {
        return code;
    }

    /** The name as IEEE 1588 writes it, e.g. "Follow_Up". */
    public String label() {
        return label;
    }

    /** Header and body without TLVs: the shortest messageLength of this type. */
    public int minLength() {
        return minLength;
    }

    /** Event messages (Sync, Delay_Req, Pdelay_Req, Pdelay_Resp) go to UDP port 319, the others to 320. */
    public boolean event() {
        return code < 8;
    }

    /**
     * Responses copy the sequenceId of the request they answer (Delay_Resp, Pdelay_Resp, Pdelay_Resp_Follow_Up):
     * their sequence is the requester's, so one responder's numbers interleave when several ports ask.
     */
    public boolean response() {
        return this == DELAY_RESP || this == PDELAY_RESP || this == PDELAY_RESP_FOLLOW_UP;
    }

    /** The type of a 4-bit code, or null for the reserved codes 4-7 and E-F. */
    public static PtpMessageType of(int code) {
        return code >= 0 && code < 16 ? BY_CODE[code] : null;
    }
}
