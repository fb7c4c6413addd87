package org.gapwatch.demo;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A building-sensor gateway in its own JSON shape, the one docs/mappings/sensor-gateway.json maps: one object per
 * poll round, the gateway's name and a {@code readings} array, one entry per sensor with its site and device, a
 * frame counter, the value and unit, a numeric state (0 normal, 1 warning, 2 alarm, 3 sensor fault), the time of
 * the reading in seconds and the poll period in seconds. For the demo and the jsonmap tests.
 */
public final class SensorGatewayStream {
    private final String gateway;
    private final String[] sites;
    private final String[] devices;
    private long frame;

    /** Sensor i is {@code sites[i]/devices[i]}. */
    public SensorGatewayStream(String gateway, String[] sites, String[] devices) {
        this.gateway = gateway;
        this.sites = sites.clone();
        this.devices = devices.clone();
    }

    /** The next round at {@code nowMillis}: every sensor's next frame; {@code state(i)} its state code. */
    public byte[] next(long nowMillis, double periodSeconds, java.util.function.IntUnaryOperator state) {
        frame++;
        StringBuilder sb = new StringBuilder("{\"gateway\":\"").append(gateway).append("\",\"readings\":[");
        for (int i = 0; i < sites.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            double value = 20 + i + Math.sin((frame + i * 7) / 10.0);
            sb.append(String.format(Locale.ROOT, "{\"site\":\"%s\",\"device\":\"%s\",\"frame\":%d,\"value\":%.2f,"
                    + "\"unit\":\"degC\",\"state\":%d,\"time\":%.3f,\"period\":%s}", sites[i], devices[i], frame,
                    value, state.applyAsInt(i), nowMillis / 1000.0, Double.toString(periodSeconds)));
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Skips a frame: the next round's counter is one further on (a round the network lost). */
    public void skip() {
        frame++;
    }
}
