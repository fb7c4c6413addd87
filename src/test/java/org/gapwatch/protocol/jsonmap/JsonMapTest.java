package org.gapwatch.protocol.jsonmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.gapwatch.protocol.RejectReason;
import org.gapwatch.protocol.Status;
import org.gapwatch.protocol.ValueKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON pointers, mapping files (each error in one line), the shipped example mapping, v1's strictness. */
class JsonMapTest {
    private static final String GATEWAY = "{\"gateway\":\"gw-7\",\"readings\":["
            + "{\"site\":\"plant-2\",\"device\":\"boiler-3\",\"frame\":41,\"value\":71.5,\"unit\":\"degC\","
            + "\"state\":0,\"time\":1700000000.25,\"period\":10},"
            + "{\"site\":\"plant-2\",\"device\":\"pump-1\",\"frame\":9,\"value\":true,\"state\":2,\"time\":1700000000,"
            + "\"period\":10},"
            + "{\"site\":\"plant-2\",\"device\":\"valve/4\",\"frame\":3,\"value\":\"open\",\"state\":7},"
            + "{\"site\":\"plant-2\",\"frame\":1,\"value\":1}]}";

    private static Mapping example() throws Exception {
        Path p = Path.of("docs", "mappings", "sensor-gateway.json");
        return MappingLoader.load(p.toString(), Files.readAllBytes(p));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''          | {\"a\":1}                 | {\"a\":1}",
        "/a          | {\"a\":1}                 | 1",
        "/a~1b       | {\"a/b\":2}               | 2",
        "/m~0n       | {\"m~n\":3}               | 3",
        "/a/1        | {\"a\":[5,6]}             | 6",
        "/a/01       | {\"a\":[5,6]}             | null",
        "/a/-        | {\"a\":[5,6]}             | null",
        "/           | {\"\":4}                  | 4",
        "/a/b        | {\"a\":1}                 | null",
    })
    void pointersSelectAsRfc6901Says(String pointer, String doc, String expect) throws Exception {
        var node = tools.jackson.databind.json.JsonMapper.builder().build().readTree(doc);
        var got = JsonPointer.parse(pointer).select(node);
        assertEquals(expect, got == null ? "null" : got.toString());
    }

    @Test
    void theExampleMappingReadsTheGatewayFormat() throws Exception {
        Mapping m = example();
        assertEquals("sensor-gateway", m.name());
        assertTrue(m.hasSeq());
        byte[] d = GATEWAY.getBytes(StandardCharsets.UTF_8);
        JsonMapExtractor.Result r = new JsonMapExtractor(m).extract(d, 0, d.length);
        assertTrue(r.ok());
        List<MappedUpdate> u = r.updates();
        assertEquals(4, u.size());
        assertEquals(new MappedUpdate("plant-2/boiler-3", 41, ValueKind.NUMBER, 71.5, null, false, "degC",
                Status.OK, "0", 1_700_000_000_250L, 10_000, null), u.get(0));
        assertEquals(new MappedUpdate("plant-2/pump-1", 9, ValueKind.BOOLEAN, 0, null, true, null, Status.ALARM,
                "2", 1_700_000_000_000L, 10_000, null), u.get(1));
        assertEquals(new MappedUpdate("plant-2/valve/4", 3, ValueKind.STRING, 0, "open", false, null, Status.ALARM,
                "7", Long.MIN_VALUE, 0, null), u.get(2), "state 7 is not in the table: otherwise alarm");
        assertEquals(JsonMapReject.MISSING_SRC, u.get(3).reason(), "no device: the template makes no name");
    }

    @Test
    void strictAsV1() throws Exception {
        JsonMapExtractor x = new JsonMapExtractor(example());
        String[][] cases = {
            {"", "empty"}, {"  ", "empty"}, {"\uFEFF", "empty"},
            {"{\"readings\":[]} x", "trailing-content"}, {"{\"readings\":[],}", "malformed-json"},
            {"{\"readings\":[], \"readings\":[]}", "duplicate-field"}, {"42", "not-updates"},
            {"[" .repeat(65) + "]".repeat(65), "too-deep"}, {"{'a':1}", "malformed-json"},
        };
        for (String[] c : cases) {
            byte[] d = c[0].getBytes(StandardCharsets.UTF_8);
            assertEquals(c[1], x.extract(d, 0, d.length).rejected().code(), c[0]);
        }
        byte[] bad = {'{', '"', (byte) 0xC0, (byte) 0x80, '"', ':', '1', '}'};
        assertEquals(RejectReason.INVALID_UTF8, x.extract(bad, 0, bad.length).rejected());
        byte[] noItems = "{\"readings\":5}".getBytes(StandardCharsets.UTF_8);
        assertEquals(JsonMapReject.NO_ITEMS, x.extract(noItems, 0, noItems.length).rejectedByMapping());
        byte[] bom = "\uFEFF{\"readings\":[]}".getBytes(StandardCharsets.UTF_8);
        assertTrue(x.extract(bom, 0, bom.length).ok());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"value\":\"/v\"}                                      | m.json: src: missing",
        "{\"src\":\"/s\"}                                        | m.json: value: missing",
        "{\"src\":\"s\",\"value\":\"/v\"}                        | m.json: src: pointer \"s\" does not start with /",
        "{\"src\":\"/a~2\",\"value\":\"/v\"}                     | m.json: src: pointer \"/a~2\": ~ must be followed by 0 or 1",
        "{\"src\":\"/s\",\"value\":5}                            | m.json: value: not a JSON pointer string",
        "{\"src\":\"/s\",\"value\":\"/v\",\"sequence\":\"/q\"}   | m.json: sequence: unknown field (known: description, interval, items, name, seq, src, status, ts, unit, value)",
        "{\"src\":{\"template\":\"{site}/{dev}\",\"fields\":{\"site\":\"/s\"}},\"value\":\"/v\"} | m.json: src.template: template \"{site}/{dev}\": {dev} has no pointer in fields",
        "{\"src\":{\"template\":\"{site\",\"fields\":{\"site\":\"/s\"}},\"value\":\"/v\"} | m.json: src.template: template \"{site\": { at 0 is not closed",
        "{\"src\":{\"template\":\"{a}\",\"fields\":{\"a\":\"/a\",\"b\":\"/b\"}},\"value\":\"/v\"} | m.json: src.template: template \"{a}\" does not use field b",
        "{\"src\":{\"template\":\"fixed\",\"fields\":{}},\"value\":\"/v\"} | m.json: src.template: template \"fixed\" has no {name}",
        "{\"src\":{\"template\":\"a}\",\"fields\":{}},\"value\":\"/v\"} | m.json: src.template: template \"a}\": } at 1 without {",
        "{\"src\":{\"template\":\"{a}\",\"fields\":{\"a\":\"x\"}},\"value\":\"/v\"} | m.json: src.fields.a: pointer \"x\" does not start with /",
        "{\"src\":\"/s\",\"value\":\"/v\",\"status\":{\"pointer\":\"/x\",\"map\":{\"0\":\"good\"}}} | m.json: status.map.0: \"good\" is not ok, info, warn, alarm or fault",
        "{\"src\":\"/s\",\"value\":\"/v\",\"ts\":{\"pointer\":\"/t\",\"unit\":\"min\"}} | m.json: ts.unit: \"min\" is neither ms nor s",
        "{\"src\":\"/s\",\"value\":\"/v\",\"interval\":{\"const\":0}} | m.json: interval.const: not a positive integer of milliseconds",
        "{\"src\":\"/s\",\"value\":\"/v\",\"unit\":{\"cnst\":\"V\"}} | m.json: unit.cnst: unknown field",
        "[1]                                                     | m.json: (file): not a JSON object",
    })
    void badMappingsSayFileAndFieldInOneLine(String json, String message) {
        MappingException e = assertThrows(MappingException.class,
                () -> MappingLoader.load("m.json", json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(message.trim(), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1);
    }

    @Test
    void withoutSeqTheIntervalMayBeAConstantAndTheDocumentAnArray() {
        Mapping m = MappingLoader.load("c.json", ("{\"src\":\"/id\",\"value\":\"/v\",\"unit\":{\"const\":\"V\"},"
                + "\"interval\":{\"const\":5000},\"ts\":\"/t\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(false, m.hasSeq());
        byte[] d = "[{\"id\":7,\"v\":1.5,\"t\":1000},3,{\"id\":\"x\",\"v\":{}}]".getBytes(StandardCharsets.UTF_8);
        JsonMapExtractor.Result r = new JsonMapExtractor(m).extract(d, 0, d.length);
        assertEquals(new MappedUpdate("7", -1, ValueKind.NUMBER, 1.5, null, false, "V", null, null, 1000, 5000,
                null), r.updates().get(0));
        assertEquals(JsonMapReject.NOT_AN_OBJECT, r.updates().get(1).reason());
        assertEquals(JsonMapReject.BAD_VALUE, r.updates().get(2).reason());
        byte[] big = "{\"id\":1,\"v\":12345678901234567890123}".getBytes(StandardCharsets.UTF_8);
        MappedUpdate u = new JsonMapExtractor(m).extract(big, 0, big.length).updates().get(0);
        assertEquals("12345678901234567890123", u.string());
        assertNull(u.reason());
    }

    @Test
    void randomBytesNeverThrow() throws Exception {
        JsonMapExtractor x = new JsonMapExtractor(example());
        SplittableRandom rnd = new SplittableRandom(3);
        byte[] valid = GATEWAY.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5_000; i++) {
            byte[] d;
            if (i % 2 == 0) {
                d = new byte[rnd.nextInt(0, 200)];
                rnd.nextBytes(d);
            } else {
                d = valid.clone();
                d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(32, 127);
            }
            x.extract(d, 0, d.length);
        }
    }
}
