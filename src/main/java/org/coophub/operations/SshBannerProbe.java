package org.coophub.operations;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Is an SSH server answering at host:port? Opens a TCP connection and reads the server's identification line
 * ({@code SSH-2.0-...}), which every SSH server sends first: cheaper than a login, and it tells a live SSH server from
 * a port that merely accepts connections (a load balancer with nothing behind it).
 */
final class SshBannerProbe {

    /** RFC 4253 limits the identification line to 255 characters. */
    private static final int MAX_LINE = 255;

    record Result(boolean reachable, String detail) {
    }

    private SshBannerProbe() {
    }

    static Result probe(String host, int port, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            String line = firstSshLine(socket.getInputStream());
            return line == null ? new Result(false, "no SSH banner from " + host + ":" + port)
                    : new Result(true, line);
        } catch (IOException e) {
            return new Result(false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Servers may send other lines before the identification line (RFC 4253 section 4.2). */
    private static String firstSshLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int total = 0;
        for (int b = in.read(); b != -1 && total < 4 * MAX_LINE; b = in.read(), total++) {
            if (b == '\n') {
                String text = line.toString().strip();
                if (text.startsWith("SSH-")) {
                    return text;
                }
                line.setLength(0);
            } else if (line.length() < MAX_LINE) {
                line.append((char) b);
            }
        }
        return null;
    }
}
