package org.gapwatch.protocol.mpegts;

import org.gapwatch.protocol.Reason;

/**
 * Why MPEG-TS input was rejected or a part of it skipped. The code is what reports show. Whole-datagram reasons
 * reject the datagram; the others are counted per packet or per section while the rest of the datagram counts.
 */
public enum TsReject implements Reason {
    BAD_LENGTH("mpegts/bad-length", "not a whole number of 188-byte packets", true),
    SYNC_LOSS("mpegts/sync-loss", "no packet of the datagram starts with the sync byte 0x47", true),
    SYNC_BYTE("mpegts/sync-byte", "a packet does not start with the sync byte 0x47", false),
    BAD_ADAPTATION("mpegts/bad-adaptation", "adaptation field control 00 or an adaptation_field_length that does "
            + "not fit", false),
    BAD_SECTION("mpegts/bad-section", "a PSI section whose pointer_field or section_length does not fit", false),
    BAD_CRC("mpegts/bad-crc", "a PSI section whose CRC-32 does not match", false);

    private final String code;
    private final String description;
    private final boolean wholeDatagram;

    TsReject(String code, String description, boolean wholeDatagram) {
        this.code = code;
        this.description = description;
        this.wholeDatagram = wholeDatagram;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean wholeDatagram() {
        return wholeDatagram;
    }

    @Override
    public String protocol() {
        return "mpegts";
    }
}
