package org.coophub.hashing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as coophub and the platforms write it: lowercase hex. It names content (canonical JSON forms, so that the
 * same request submitted twice is recognised) and checks attachments against what a reply declares.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** Hex SHA-256 of the bytes, lowercase. */
    public static String hex(byte[] content) {
        return HexFormat.of().formatHex(newDigest().digest(content));
    }

    /** A fresh digest, for content read in pieces. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
