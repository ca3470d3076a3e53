package org.coophub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

/** Plays a platform's other side in tests: writes files into a simulated platform's folders as a real one would. */
public final class PlatformSide {

    private PlatformSide() {
    }

    /** Writes under a temporary name, then renames: a poller never sees half a file. */
    public static void put(Path folder, String name, byte[] content) {
        try {
            Files.createDirectories(folder);
            Path partial = Files.write(folder.resolve(name + ".part"), content);
            Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void put(Path folder, String name, String content) {
        put(folder, name, content.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reply document; {@code attachment} may be null. */
    public static String reply(String requestId, String result, String attachmentName, byte[] attachment) {
        return attachmentName == null ? reply(requestId, result, "[]")
                : reply(requestId, result, attachmentName, sha256(attachment), attachment.length);
    }

    /** A reply document naming one attachment of this SHA-256 and size. */
    public static String reply(String requestId, String result, String attachmentName, String sha256, long size) {
        return reply(requestId, result, """
                [{"name": "%s", "sha256": "%s", "size": %d}]""".formatted(attachmentName, sha256, size));
    }

    /** A reply document naming these attachments, each with its content's SHA-256 and size. */
    public static String reply(String requestId, String result, Map<String, byte[]> attachments) {
        return reply(requestId, result, attachments.entrySet().stream()
                .map(a -> """
                        {"name": "%s", "sha256": "%s", "size": %d}""".formatted(a.getKey(), sha256(a.getValue()),
                        a.getValue().length))
                .collect(Collectors.joining(", ", "[", "]")));
    }

    private static String reply(String requestId, String result, String attachments) {
        return """
                {"requestId": "%s", "replyingUnit": {"code": "310104000000", "name": "上海市公安局徐汇分局"},
                 "result": "%s", "content": "已核实 verified", "repliedAt": "2026-03-05T10:00:00+08:00",
                 "attachments": %s}
                """.formatted(requestId, result, attachments);
    }

    /** A request another region sends to our bureau (110105000000), on the national platform. */
    public static String inboundRequest(String requestId) {
        return """
                {"requestId": "%s", "type": "PARTY_STATEMENT", "targetRegion": "110105",
                 "caseNumber": "沪徐公(刑)字[2026]0077号", "subjects": [{"name": "李四", "idNumber": "%s"}],
                 "details": "请协助查找当事人并制作笔录", "createdAt": "2026-03-04T08:00:00+08:00",
                 "fromRegion": "310104", "fromUnit": {"code": "310104000000", "name": "上海市公安局徐汇分局"}}
                """.formatted(requestId, Requests.idNumber("110105", "19850505", "321"));
    }
}
