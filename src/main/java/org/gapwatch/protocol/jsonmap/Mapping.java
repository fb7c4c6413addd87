package org.gapwatch.protocol.jsonmap;

import java.util.Map;
import org.gapwatch.protocol.Status;

/**
 * A validated mapping (see {@link MappingLoader} for the file format): where in a foreign JSON object Gapwatch finds
 * each field it needs. Absent optional fields are null; {@code unitConst} and {@code intervalConst} (ms, 0 = none)
 * stand in when the device does not send them.
 */
public record Mapping(String name, JsonPointer items, SourceTemplate src, JsonPointer seq, JsonPointer value,
                      JsonPointer unit, String unitConst, JsonPointer status, Map<String, Status> statusTable,
                      Status statusOtherwise, JsonPointer ts, long tsScale, JsonPointer interval, long intervalScale,
                      long intervalConst) {
    /** True when loss is by sequence number; false: by cadence (needs an interval). */
    public boolean hasSeq() {
        return seq != null;
    }
}
