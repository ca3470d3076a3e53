package org.coophub.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coophub.CoophubApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole hub in a JVM of its own, so that a test can kill it as a crash does (SIGKILL): nothing is closed, flushed
 * or rolled back on the way out, unlike {@link Hub#restart}, which closes the Spring context. It runs on
 * {@link Hub#settings} (same config/, routes/, test-hub.yaml, folders and simulated platforms as {@link Hub}), so
 * {@link Hub#start(Path, Map)} on the same folder and settings afterwards is that hub coming back after the crash.
 * Its output goes to {@code forked-hub.log} in the folder.
 */
public final class ForkedHub implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;
    private final String baseUrl;

    private ForkedHub(Process process, Path log, String baseUrl) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
    }

    /** Starts a hub in a new JVM with a heap of 512 MB and returns once it serves HTTP, with its routes started. */
    public static ForkedHub start(Path dir, Map<String, Object> settings) {
        return start(dir, settings, List.of("-Xmx512m"));
    }

    /**
     * Starts a hub in a new JVM run with {@code jvmOptions} in place of the default heap (so they set the heap, e.g.
     * {@code -Xmx128m}) and returns once it serves HTTP, with its routes started.
     */
    public static ForkedHub start(Path dir, Map<String, Object> settings, List<String> jvmOptions) {
        Path ready = dir.resolve("forked-hub.port");
        Path log = dir.resolve("forked-hub.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                // a short life: compiling for speed later would only hold up its start on a busy machine
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                ForkedHub.class.getName(),
                ready.toString()));
        command.addAll(List.of(Hub.arguments(settings)));
        Process process;
        try {
            Files.deleteIfExists(ready);
            process = new ProcessBuilder(command)
                    // config/ and routes/ are read from the working folder, as by Hub
                    .directory(Path.of(System.getProperty("user.dir")).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ForkedHub starting = new ForkedHub(process, log, null);
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.exists(ready) || !process.isAlive());
            if (!Files.exists(ready)) {
                throw new IllegalStateException("the forked hub exited with " + process.exitValue() + ":\n"
                        + starting.logTail(60));
            }
            return new ForkedHub(process, log, "http://localhost:" + Files.readString(ready).trim());
        } catch (IOException e) {
            starting.kill();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            starting.kill();
            throw e;
        }
    }

    /** Calls this hub as a test user, as {@link Hub#as} does. */
    public Hub.Client as(String user) {
        return new Hub.Client(baseUrl, user);
    }

    public HttpResponse<String> post(String path, String body) {
        return as("admin").post(path, body);
    }

    /** Whether its JVM still runs: it has neither crashed nor been killed. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash or the OOM killer would; returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the forked hub (pid " + process.pid() + ") survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last lines of the forked hub's output, for a failure message. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The forked JVM: {@code <ready-file> --key=value...}. */
    public static void main(String[] args) throws IOException {
        exitWithParent();
        Path ready = Path.of(args[0]);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CoophubApplication.class)
                .run(Arrays.copyOfRange(args, 1, args.length));
        Path temp = Files.writeString(ready.resolveSibling(ready.getFileName() + ".tmp"),
                context.getEnvironment().getProperty("local.server.port"));
        Files.move(temp, ready, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The test JVM holds this JVM's stdin open: when it dies without killing this one, stdin ends and so does this. */
    private static void exitWithParent() {
        Thread watch = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() != -1) {
                    // nothing is ever sent
                }
            } catch (IOException gone) {
                // as gone as end of input
            }
            Runtime.getRuntime().halt(1);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
