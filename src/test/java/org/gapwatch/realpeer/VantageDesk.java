package org.gapwatch.realpeer;

import java.nio.file.Files;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.gapwatch.engine.Engine;
import org.gapwatch.fault.ErrorLog;
import org.gapwatch.fault.Faults;
import org.gapwatch.judge.Episode;
import org.gapwatch.judge.Judge;
import org.gapwatch.judge.JudgeRunner;
import org.gapwatch.judge.Judgement;
import org.gapwatch.judge.RemoteView;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.MulticastReceiver;
import org.gapwatch.net.ReceiverConfig;
import org.gapwatch.remote.ProbePoller;
import org.gapwatch.track.TrackerConfig;
import tools.jackson.databind.json.JsonMapper;

/**
 * The desktop's path without its window, as its own JVM (run inside a namespace): an engine receiving a group on an
 * interface, the probe poller, and the judge consulting it, as MonitorWindow wires them. Prints a JSON line about
 * five times a second: what each probe says of {@code src} and the latest episode's cause and evidence.
 *
 * <p>Arguments: GROUP INTERFACE SRC PROBE_URL... (SRC {@code *}: the first source received)
 */
public final class VantageDesk {
    private VantageDesk() {
    }

    public static void main(String[] args) throws Exception {
        GroupSpec group = GroupSpec.parse(args[0]);
        String wanted = args[2];
        List<String> urls = List.of(args).subList(3, args.length);
        Faults faults = new Faults(new ErrorLog(Files.createTempFile("vantage-desk", ".log"), System.err::println,
                InstantSource.system()));
        Engine engine = new Engine(TrackerConfig.defaults());
        MulticastReceiver receiver = new MulticastReceiver(engine, new ReceiverConfig(List.of(group), args[1]), faults);
        receiver.start();
        ProbePoller poller = new ProbePoller(urls.stream().map(org.gapwatch.settings.RemoteProbe::valueOf).toList(),
                System::currentTimeMillis, faults).start();
        JudgeRunner judging = new JudgeRunner(new Judge(), engine::snapshot, System::currentTimeMillis, "judge",
                faults);
        judging.consult(poller::latest);
        judging.start();
        System.out.println("desk listening on " + group + " via " + args[1]);
        System.out.flush();
        JsonMapper json = JsonMapper.builder().build();
        while (true) {
            Judgement j = judging.latest();
            String src = !wanted.equals("*") ? wanted
                    : j.snapshot().sourceCount() > 0 ? j.snapshot().source(0).src() : "";
            List<Map<String, Object>> probes = new ArrayList<>();
            for (RemoteView.Row r : poller.latest().rows(src)) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("name", r.probe());
                p.put("problem", r.problem());
                p.put("received", r.reading() == null ? null : r.reading().received());
                p.put("lost", r.reading() == null ? null : r.reading().lost());
                probes.add(p);
            }
            Episode e = j.latestEpisode();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("src", src);
            line.put("probes", probes);
            line.put("cause", e == null ? null : e.cause().code());
            line.put("evidence", e == null ? null : e.evidence());
            System.out.println(json.writeValueAsString(line));
            System.out.flush();
            LockSupport.parkNanos(200_000_000L); // the print interval
        }
    }
}
