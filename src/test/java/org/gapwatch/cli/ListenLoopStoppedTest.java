package org.gapwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gapwatch.fault.Idle;
import org.gapwatch.fault.LoopStopped;
import org.gapwatch.net.GroupSpec;
import org.gapwatch.net.MulticastReceiver;
import org.gapwatch.net.Publisher;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** listen, when one of its receiver's loops stops by itself: the summary of what it saw, the reason, exit 3. */
class ListenLoopStoppedTest {
    @Test
    void aLoopThatStopsEndsListenWithItsSummaryTheReasonAndExit3() throws Exception {
        String group = "239.255.44." + (1 + ProcessHandle.current().pid() % 200) + ":" + (5300 + ProcessHandle
                .current().pid() % 500);
        CountDownLatch counted = new CountDownLatch(1);
        ListenCommand listen = new ListenCommand();
        listen.hooks = new ListenHooks() {
            @Override
            public void started(MulticastReceiver receiver, PrintWriter err) {
                // A loop of the receiver's fault boundary that cannot go on once ten datagrams are tracked.
                receiver.faults().runner("test", () -> {
                    if (receiver.engine().snapshot().totals().datagrams() == 10) {
                        counted.countDown();
                        throw new LoopStopped("test: cannot go on");
                    }
                    return 0;
                }, Idle.park(1_000_000)).start();
            }
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(listen);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        Thread sender = Thread.ofPlatform().start(() -> {
            try (Publisher p = new Publisher(GroupSpec.parse(group), "lo", 0)) {
                while (!err.toString().contains("listening on")) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
                for (int seq = 0; seq < 10; seq++) {
                    byte[] d = ("{\"src\":\"s\",\"seq\":" + seq + "}").getBytes();
                    p.send(d, 0, d.length);
                }
            }
        });
        long t0 = System.nanoTime();
        int code = cl.execute("--group", group, "--interface", "lo", "--duration", "30s", "--json", "--no-warmup");
        sender.join(5_000);
        assertTrue(counted.await(0, TimeUnit.SECONDS));
        assertEquals(ListenCommand.EXIT_LOOP_STOPPED, code, err.toString());
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "ended by the stop, not by --duration");
        JsonNode summary = JsonMapper.builder().build().readTree(out.toString());
        assertEquals(10, summary.get("totals").get("received").asLong());
        assertTrue(err.toString().contains("gapwatch: test stopped: test: cannot go on; exit 3"), err.toString());
    }
}
