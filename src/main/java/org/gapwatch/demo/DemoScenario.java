package org.gapwatch.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The built-in demo's story, as datagram payloads (wire protocol v1): about 300 sources in several groups with
 * drifting values, random bursts of loss, late arrivals, one source that goes stale, one that restarts, a few in
 * alarm, and a loss storm across everything every couple of minutes. Arranged so that a new user sees every kind of
 * event within the first 30 seconds. Pure: time comes in as an argument and randomness from a seed, so it is
 * testable without a network.
 */
public final class DemoScenario {
    /** Source that stops publishing after {@link #STALE_AFTER_MILLIS} and comes back after a minute. */
    public static final String STALE_SOURCE = "water/pump-station-2/flow";
    /** Source that restarts (new session, sequence from 0) every {@link #RESTART_EVERY_MILLIS}. */
    public static final String RESTARTING_SOURCE = "comms/gateway-1/uptime";
    public static final long STALE_AFTER_MILLIS = 8_000;
    public static final long STALE_FOR_MILLIS = 60_000;
    public static final long RESTART_EVERY_MILLIS = 45_000;
    public static final long FIRST_STORM_MILLIS = 20_000;
    public static final long STORM_EVERY_MILLIS = 120_000;
    public static final long STORM_LENGTH_MILLIS = 4_000;
    /** A malformed datagram goes out at 5 s and then every 10 s, so the invalid counter and its list have content. */
    public static final long FIRST_INVALID_MILLIS = 5_000;
    public static final long INVALID_EVERY_MILLIS = 10_000;
    private static final String[] INVALID = {
            "{\"v\":1,\"src\":\"plant/line-1/pump-1\",\"seq\":-5,\"value\":1}",
            "{\"v\":1,\"src\":\"plant/line-1/pump-1\",\"seq\":7,\"value\":",
            "{\"v\":1,\"seq\":9,\"value\":3}",
    };

    private static final int MAX_PAYLOAD = 1200;

    private static final String[][] GROUPS = {
            // group, kinds of device, count per kind
            {"plant", "line", "pump", "temp", "°C", "45"},
            {"power", "feeder", "breaker", "load", "A", "60"},
            {"hvac", "zone", "ahu", "supply", "°C", "45"},
            {"water", "pump-station", "pump", "flow", "m³/h", "40"},
            {"comms", "gateway", "link", "rtt", "ms", "40"},
            {"security", "door", "panel", "state", "", "30"},
            {"fire", "loop", "detector", "smoke", "%", "40"},
    };

    private final SplittableRandom random;
    private final long startMillis;
    private final List<DemoSource> sources = new ArrayList<>();
    private final StringBuilder batch = new StringBuilder(MAX_PAYLOAD + 256);
    private long invalidSent;

    public DemoScenario(long seed, long startMillis) {
        this.random = new SplittableRandom(seed);
        this.startMillis = startMillis;
        for (String[] g : GROUPS) {
            int n = Integer.parseInt(g[5]);
            for (int i = 0; i < n; i++) {
                int unit = 1 + i / 8;
                String src = g[0] + "/" + g[1] + "-" + unit + "/" + g[2] + "-" + (1 + i % 8);
                sources.add(new DemoSource(src, g[4], g[3], intervalFor(i), base(g[0]), random.nextLong()));
            }
        }
        sources.add(new DemoSource(STALE_SOURCE, "m³/h", "flow", 1000, 120, random.nextLong()));
        sources.add(new DemoSource(RESTARTING_SOURCE, "s", "uptime", 1000, 0, random.nextLong()));
        // A few that alarm: fixed so that the first screen already shows them.
        sources.get(3).alarming = true;
        sources.get(70).alarming = true;
        sources.get(140).alarming = true;
        sources.get(200).faulty = true;
        for (DemoSource s : sources) {
            s.nextDue = startMillis + random.nextLong(s.intervalMillis);
        }
    }

    private static long intervalFor(int i) {
        return i % 10 == 0 ? 500 : i % 7 == 0 ? 2000 : 1000;
    }

    private static double base(String group) {
        return switch (group) {
            case "plant", "hvac" -> 40;
            case "power" -> 300;
            case "water" -> 120;
            case "comms" -> 12;
            default -> 1;
        };
    }

    public int sourceCount() {
        return sources.size();
    }

    public List<String> sourceNames() {
        return sources.stream().map(s -> s.src).toList();
    }

    /** True while the loss storm is on at {@code nowMillis}. */
    public boolean stormAt(long nowMillis) {
        long t = nowMillis - startMillis - FIRST_STORM_MILLIS;
        return t >= 0 && t % STORM_EVERY_MILLIS < STORM_LENGTH_MILLIS;
    }

    /**
     * Produces every update due by {@code nowMillis}, packed into datagram payloads of at most about 1200 bytes,
     * and hands each payload to {@code out}. Call it every few tens of milliseconds.
     */
    public void tick(long nowMillis, Consumer<byte[]> out) {
        long t = nowMillis - startMillis;
        boolean storm = stormAt(nowMillis);
        batch.setLength(0);
        for (DemoSource s : sources) {
            while (s.nextDue <= nowMillis) {
                long due = s.nextDue;
                s.nextDue += s.intervalMillis;
                if (s.src.equals(STALE_SOURCE)) {
                    long since = t - STALE_AFTER_MILLIS;
                    if (since >= 0 && since % (STALE_FOR_MILLIS * 2) < STALE_FOR_MILLIS) {
                        continue; // silent: no numbers used, so this is staleness, not loss
                    }
                }
                if (s.src.equals(RESTARTING_SOURCE) && t / RESTART_EVERY_MILLIS != s.restartEpoch) {
                    s.restartEpoch = t / RESTART_EVERY_MILLIS;
                    s.seq = 0;
                    s.session = Long.toHexString(random.nextLong() & 0xffffffL);
                    s.value = 0;
                    s.held = null;
                }
                String json = s.next(due - startMillis, random);
                if (storm && random.nextDouble() < 0.3) {
                    continue; // lost in the storm
                }
                if (s.burstLeft > 0) {
                    s.burstLeft--;
                    continue;
                }
                if (random.nextDouble() < 0.0001) { // about one burst every seven seconds over 300 sources
                    s.burstLeft = 1 + random.nextInt(6); // a burst of loss on one source
                    continue;
                }
                if (s.held == null && random.nextDouble() < 0.003) {
                    s.held = json; // goes out after its successor, so it is counted late
                    continue;
                }
                append(json, out);
                if (s.held != null) {
                    append(s.held, out);
                    s.held = null;
                }
            }
        }
        flush(out);
        long invalidDue = t < FIRST_INVALID_MILLIS ? 0 : 1 + (t - FIRST_INVALID_MILLIS) / INVALID_EVERY_MILLIS;
        while (invalidSent < invalidDue) {
            out.accept(INVALID[(int) (invalidSent++ % INVALID.length)].getBytes(StandardCharsets.UTF_8));
        }
    }

    private void append(String json, Consumer<byte[]> out) {
        if (batch.length() + json.length() + 2 > MAX_PAYLOAD) {
            flush(out);
        }
        batch.append(batch.isEmpty() ? '[' : ',').append(json);
    }

    private void flush(Consumer<byte[]> out) {
        if (!batch.isEmpty()) {
            batch.append(']');
            out.accept(batch.toString().getBytes(StandardCharsets.UTF_8));
            batch.setLength(0);
        }
    }

    private static final class DemoSource {
        final String src;
        final String unit;
        final String kind;
        final long intervalMillis;
        final double base;
        String session;
        long seq;
        long nextDue;
        long restartEpoch;
        double value;
        int burstLeft;
        String held;
        boolean alarming;
        boolean faulty;

        DemoSource(String src, String unit, String kind, long intervalMillis, double base, long sessionSeed) {
            this.src = src;
            this.unit = unit;
            this.kind = kind;
            this.intervalMillis = intervalMillis;
            this.base = base;
            this.value = base;
            this.session = Long.toHexString(sessionSeed & 0xffffffL);
        }

        String next(long t, SplittableRandom random) {
            String valueJson;
            String status;
            if (kind.equals("uptime")) {
                value = seq * intervalMillis / 1000.0;
                valueJson = Long.toString((long) value);
                status = "ok";
            } else if (kind.equals("state")) {
                boolean open = random.nextDouble() < 0.03;
                valueJson = open ? "\"open\"" : "\"closed\"";
                status = open ? "info" : "ok";
            } else {
                value += (base - value) * 0.05 + random.nextGaussian() * Math.max(0.1, base * 0.01);
                boolean alarmNow = alarming && t % 30_000 >= 4_000;
                double shown = alarmNow ? value * 1.4 : value;
                valueJson = String.format(Locale.ROOT, "%.1f", shown);
                status = faulty ? "fault" : alarmNow ? "alarm" : Math.abs(shown - base) > base * 0.08 ? "warn" : "ok";
            }
            StringBuilder sb = new StringBuilder(160);
            sb.append("{\"v\":1,\"src\":\"").append(src).append("\",\"seq\":").append(seq++)
                    .append(",\"session\":\"").append(session).append("\",\"value\":").append(valueJson);
            if (!unit.isEmpty()) {
                sb.append(",\"unit\":\"").append(unit).append('"');
            }
            sb.append(",\"status\":\"").append(status).append("\",\"interval\":").append(intervalMillis);
            if (faulty) {
                sb.append(",\"text\":\"sensor fault\"");
            }
            return sb.append('}').toString();
        }
    }
}
