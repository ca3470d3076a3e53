package org.coophub.replies;

import java.util.ArrayList;
import java.util.List;
import org.coophub.privacy.PersonalData;

/** An attachment file that is not what its reply declares: missing, of another size, or other bytes. */
public class AttachmentMismatchException extends RuntimeException {

    /** Hashes are shortened in messages; the fields hold them whole. */
    private static final int SHOWN_HASH_DIGITS = 12;

    private final String attachmentName;
    private final long expectedSize;
    private final long actualSize;
    private final String expectedSha256;
    private final String actualSha256;

    private AttachmentMismatchException(Attachment expected, long actualSize, String actualSha256, String problem) {
        // The name is the sender's text and may carry an ID number.
        super(PersonalData.maskText("attachment " + expected.name() + problem));
        this.attachmentName = expected.name();
        this.expectedSize = expected.size();
        this.actualSize = actualSize;
        this.expectedSha256 = expected.sha256();
        this.actualSha256 = actualSha256;
    }

    /** The file exists but differs; {@code actualSha256} is null when it was not read to its end. */
    static AttachmentMismatchException differing(Attachment expected, long actualSize, String actualSha256,
            boolean longer) {
        List<String> problems = new ArrayList<>();
        if (longer) {
            problems.add("is longer than the " + expected.size() + " bytes the reply declares");
        } else if (actualSize != expected.size()) {
            problems.add("size is " + actualSize + " bytes but the reply declares " + expected.size());
        }
        if (actualSha256 != null && !actualSha256.equalsIgnoreCase(expected.sha256())) {
            problems.add("sha256 is " + shorten(actualSha256) + " but the reply declares "
                    + shorten(expected.sha256()));
        }
        return new AttachmentMismatchException(expected, actualSize, actualSha256, ": " + String.join("; ", problems));
    }

    static AttachmentMismatchException missing(Attachment expected) {
        return new AttachmentMismatchException(expected, -1, null, " named by the reply is missing");
    }

    private static String shorten(String sha256) {
        return sha256.length() <= SHOWN_HASH_DIGITS ? sha256 : sha256.substring(0, SHOWN_HASH_DIGITS) + "…";
    }

    public String attachmentName() {
        return attachmentName;
    }

    public long expectedSize() {
        return expectedSize;
    }

    /** The bytes found: -1 if the file is missing, the bytes read so far if it was longer than declared. */
    public long actualSize() {
        return actualSize;
    }

    public String expectedSha256() {
        return expectedSha256;
    }

    /** Null if the file is missing or was longer than declared (so not hashed to its end). */
    public String actualSha256() {
        return actualSha256;
    }
}
