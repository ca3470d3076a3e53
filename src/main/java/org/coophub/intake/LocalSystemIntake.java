package org.coophub.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.camel.Exchange;
import org.coophub.hashing.Sha256;
import org.coophub.platform.PlatformArchiving;
import org.coophub.platform.StreamedFiles;
import org.coophub.platform.TakenFiles;
import org.coophub.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Where the intake routes (routes/intake.yaml) hand over what local systems dropped or sent. */
@Component("localSystemIntake")
public class LocalSystemIntake {

    /** Before the key of a file on an SFTP outbox that was refused and quarantined (see fromSftpOutbox). */
    private static final String REFUSED = "refused/";
    /** The key sftpFileKey gave the file, set by the route before its idempotent consumer (routes/intake.yaml). */
    private static final String FILE_KEY = "coophubFileKey";

    private static final Logger log = LoggerFactory.getLogger(LocalSystemIntake.class);

    private final IntakeService intake;
    private final ArchiveNames archiveNames;
    private final StreamedFiles files;
    private final TakenFiles taken;

    public LocalSystemIntake(IntakeService intake, ArchiveNames archiveNames, IntakeProperties properties,
            TakenFiles taken) {
        this.intake = intake;
        this.taken = taken;
        this.archiveNames = archiveNames;
        this.files = new StreamedFiles(properties.maxSize().toBytes(), "coophub.intake.max-size");
    }

    /**
     * A file from the local outbox or a local system's SFTP outbox. Its archive name is chosen first: a file on an
     * SFTP server moves under it to {@code .done}, or to {@code .error} when refused.
     */
    public void fromFile(Exchange exchange) {
        String name = archiveUnderNameOfItsOwn(exchange);
        Long oversized = files.listedOverTheLimit(exchange);
        if (oversized != null) {
            // refuse before reading: an oversized file is never loaded into memory
            throw new InvalidRequestException(List.of(new FieldError(FieldError.DOCUMENT, "size",
                    files.oversized(oversized))));
        }
        intake.accept(exchange.getMessage().getBody(byte[].class), Channel.FILE,
                exchange.getProperty(Quarantine.INPUT_NAME, name, String.class));
    }

    /**
     * A file from a local system's SFTP outbox. One taken before that is there again (its move to {@code .done} or
     * {@code .error} did not happen: a dropped connection, a restart) is not taken again; it moves to {@code .done}.
     */
    public void fromSftpOutbox(Exchange exchange) {
        String refusal = REFUSED + exchange.getProperty(FILE_KEY, String.class);
        if (taken.contains(refusal)) {
            String name = archiveUnderNameOfItsOwn(exchange);
            exchange.setProperty(PlatformArchiving.KEPT_ASIDE, true);
            log.warn("{} was refused and quarantined before, but could not be moved to .error; moving it there again",
                    PersonalData.maskText(exchange.getProperty(Quarantine.INPUT_NAME, name, String.class)));
            return;
        }
        if (!exchange.getProperty(Exchange.DUPLICATE_MESSAGE, false, Boolean.class)) {
            // remembered once it is quarantined, so that a failing move to .error does not quarantine it at every poll
            exchange.setProperty(Quarantine.REMEMBER_REFUSAL, refusal);
            fromFile(exchange);
            return;
        }
        String name = archiveUnderNameOfItsOwn(exchange);
        log.info("{} was taken before; not taken again, moved to .done as {}",
                PersonalData.maskText(exchange.getProperty(Quarantine.INPUT_NAME, name, String.class)),
                PersonalData.maskText(exchange.getProperty(ArchiveNames.PROPERTY, String.class)));
    }

    /**
     * The content of a file from a local system's SFTP outbox, taken from the server's stream into the body
     * (routes/intake.yaml). The file comes as that stream (streamDownload), which can be read once only: here, and
     * at most {@code coophub.intake.max-size} bytes of it, so that a huge file dropped by a faulty system never enters
     * memory. A file listed as larger is not read: it is refused unread ({@link #fromFile}) and streamed into
     * quarantine. One that turns out longer than the limit though listed within it is still being written: it fails,
     * and is taken again at a later poll, listed with its real size.
     */
    public void fetchSftpFile(Exchange exchange) {
        files.readIntoBody(exchange, exchange.getProperty(Quarantine.INPUT_NAME, String.class));
    }

    /**
     * What a file from a local system's SFTP outbox is remembered by once taken (routes/intake.yaml): a SHA-256 of
     * where it lay, its name, its time and its content. Name, size and time alone would not do: SFTP gives times in
     * whole seconds, and a local system that always drops one name may drop two requests of one size within a second,
     * the second of which would never be taken. Hashed, the key is short and keeps the name (it may name a person)
     * out of the database. A file over the size limit is never read ({@link #fetchSftpFile}): its size stands for its
     * content, in a key of its own kind.
     */
    public String sftpFileKey(Exchange exchange) {
        MessageDigest sha256 = Sha256.newDigest();
        sha256.update((exchange.getProperty(Quarantine.INPUT_NAME, String.class) + "\n"
                + exchange.getMessage().getHeader(Exchange.FILE_LAST_MODIFIED) + "\n").getBytes(StandardCharsets.UTF_8));
        Long oversized = files.listedOverTheLimit(exchange);
        if (oversized != null) {
            sha256.update(oversized.toString().getBytes(StandardCharsets.UTF_8));
            return "sftp-outbox/oversized/" + HexFormat.of().formatHex(sha256.digest());
        }
        byte[] content = exchange.getMessage().getBody(byte[].class);
        if (content != null) {
            sha256.update(content);
        }
        return "sftp-outbox/" + HexFormat.of().formatHex(sha256.digest());
    }

    public void fromMessage(Exchange exchange) {
        String messageId = exchange.getMessage().getHeader("JMSMessageID", String.class);
        intake.accept(exchange.getMessage().getBody(byte[].class), Channel.JMS, messageId);
    }

    /** @return the file's name */
    private String archiveUnderNameOfItsOwn(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        exchange.setProperty(ArchiveNames.PROPERTY, ArchiveNames.archived(name, archiveNames.stamp()));
        return name;
    }
}
