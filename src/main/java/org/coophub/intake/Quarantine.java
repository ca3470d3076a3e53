package org.coophub.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.coophub.ledger.Ledger;
import org.coophub.platform.PlatformArchiving;
import org.coophub.platform.TakenFiles;
import org.coophub.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Sets a refused input aside with the reason beside it, so that nothing bad is silently dropped and the hub goes
 * on with the next input: a file goes to the quarantine folder with {@code <file>.error.txt}; a JMS message goes to
 * the dead-letter queue with the reason in its {@code CoophubError} property. Either way the ledger keeps a line.
 */
@Component("quarantine")
public class Quarantine {

    public static final String ERROR_PROPERTY = "CoophubError";
    /** The {@link DeclaredFile}s that travel with the input (a reply's attachments), set by whoever parsed it. */
    public static final String ATTACHMENTS = "coophubAttachments";
    /**
     * The input's name in the ledger, the log and the report where its file name alone does not say where it came
     * from: {@code SFTP outbox <name>:<folder>/<file>} for a file from a local system's SFTP outbox (set by its route).
     */
    public static final String INPUT_NAME = "coophubInputName";
    /** A key under which a refused file is remembered in #platformPolls once quarantined (an SFTP outbox's file). */
    public static final String REMEMBER_REFUSAL = "coophubRememberRefusal";

    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);

    private final IntakeProperties properties;
    private final Ledger ledger;
    private final JmsTemplate jms;
    private final Clock clock;
    private final TakenFiles taken;

    public Quarantine(IntakeProperties properties, Ledger ledger, JmsTemplate jmsTemplate, Clock clock,
            TakenFiles taken) {
        this.taken = taken;
        this.properties = properties;
        this.ledger = ledger;
        this.jms = jmsTemplate;
        this.clock = clock;
    }

    /**
     * Called by the error policy (routes/error-policy.yaml) for input that breaks a rule: an invalid request or
     * reply, a reused requestId, a reply nothing matches, an attachment whose hash is wrong.
     */
    public void refuse(Exchange exchange) {
        Exception refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Channel channel = exchange.getProperty("coophubChannel", Channel.class);
        String reason = PersonalData.maskText(String.valueOf(refusal.getMessage()));
        if (channel == Channel.JMS) {
            String messageId = exchange.getMessage().getHeader("JMSMessageID", String.class);
            deadLetter(exchange, reason);
            ledger.recordRejectedInput(channel.name(), messageId, reason);
            log.warn("Refused JMS message {} from {}: {}; moved to {}", messageId, properties.jmsQueue(), oneLine(reason),
                    properties.jmsDeadLetterQueue());
        } else {
            String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
            String input = exchange.getProperty(INPUT_NAME, name, String.class);
            // the ledger first: if it is down, nothing has moved yet and the file is simply taken again later,
            // rather than copied into quarantine once per poll while the outage lasts
            ledger.recordRejectedInput(Channel.FILE.name(), input, reason);
            // told before the quarantine's lock: it may mean reading large files whole
            List<Path> attachments = ownAttachments(exchange, input);
            Path kept = keepFile(exchange, name, input, reason, attachments);
            String remember = exchange.getProperty(REMEMBER_REFUSAL, String.class);
            if (remember != null) {
                taken.add(remember);
            }
            // a file taken over SFTP moves to .error on its server (PlatformArchiving), so it is not taken again
            exchange.setProperty(PlatformArchiving.KEPT_ASIDE, true);
            log.warn("Refused file {}: {}; moved to {}", PersonalData.maskText(input), oneLine(reason),
                    PersonalData.maskText(kept.toString()));
        }
    }

    static String oneLine(String text) {
        return text.replace('\n', ' ');
    }

    private void deadLetter(Exchange exchange, String reason) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        jms.send(properties.jmsDeadLetterQueue(), session -> {
            var message = session.createBytesMessage();
            message.writeBytes(body == null ? new byte[0] : body);
            message.setStringProperty(ERROR_PROPERTY, reason);
            return message;
        });
    }

    /**
     * The file, with its own attachments and its report beside it. The report names each attachment and, when
     * another file of that name was there already, the name it is kept under, so that a requeue puts back the right
     * one. It keeps the attachments' names whole, for that (the refused file's own name is masked: nothing reads it
     * back); the quarantine is the administrators' folder, like the outbox. The
     * file is copied and the report written before anything is moved, so that a full disk moves nothing: the file
     * then stays in its outbox and is refused again at the next poll. Synchronized: the outbox routes (local, replies, SFTP)
     * quarantine into one folder, and two of them must not pick the same free name.
     */
    private synchronized Path keepFile(Exchange exchange, String name, String input, String reason,
            List<Path> ownAttachments) {
        Path folder;
        try {
            folder = Files.createDirectories(properties.quarantine());
        } catch (IOException e) {
            throw cannotQuarantine(name, e);
        }
        Path target = freeName(folder, Path.of(name).getFileName().toString(), Set.of());
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        Path reportFile = target.resolveSibling(target.getFileName() + QuarantineFolder.REPORT);
        Map<Path, Path> attachments = attachmentsToKeep(ownAttachments, folder, Set.of(target));
        // a folder on this machine only: a requeue puts the file back there (else into coophub.intake.outbox)
        String from = isLocalFile(exchange)
                ? exchange.getMessage().getHeader(Exchange.FILE_PARENT, String.class) : null;
        Long listed = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
        long limit = properties.maxSize().toBytes();
        // a huge file on a local system's SFTP server stays there whole (in .error); its head is enough to see what it
        // is, and copying it all could fill the hub's disk, again at every poll if its move then failed
        boolean headOnly = !isLocalFile(exchange) && listed != null && listed > limit;
        String whole = reason + (headOnly ? "\n(kept here: its first " + limit + " of " + listed
                + " bytes; the whole file is in .error on its server)" : "");
        try {
            try (InputStream content = content(exchange)) {
                if (headOnly) {
                    Files.write(partial, content.readNBytes((int) limit));
                } else {
                    Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            writeReport(reportFile, input, from, attachments, whole);
        } catch (IOException e) {
            deleteQuietly(partial);
            deleteQuietly(reportFile);
            throw cannotQuarantine(name, e);
        }
        Map<Path, Path> moved = new LinkedHashMap<>();
        attachments.forEach((attachment, keptAs) -> {
            if (moveQuietly(attachment, keptAs)) {
                moved.put(attachment, keptAs);
            }
        });
        try {
            if (moved.size() < attachments.size()) {
                // the report names only what is here: a requeue must not look for what stayed in the outbox
                writeReport(reportFile, input, from, moved, reason);
            }
            return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // as if nothing happened: the file is refused again at the next poll, with its attachments beside it
            moved.forEach((attachment, keptAs) -> moveQuietly(keptAs, attachment));
            deleteQuietly(partial);
            deleteQuietly(reportFile);
            throw cannotQuarantine(name, e);
        }
    }

    /** A refused file's report: what it was, where from, which attachments are kept with it and under what name. */
    private void writeReport(Path reportFile, String name, String from, Map<Path, Path> attachments, String reason)
            throws IOException {
        StringBuilder report = new StringBuilder("file: ").append(PersonalData.maskText(name)).append('\n')
                .append(QuarantineFolder.FROM).append(from == null ? "" : from).append('\n');
        attachments.forEach((original, keptAs) -> report.append(QuarantineFolder.attachmentLine(
                original.getFileName().toString(), keptAs.getFileName().toString())).append('\n'));
        report.append("refused at: ").append(OffsetDateTime.now(clock)).append("\nrule(s) broken:\n").append(reason)
                .append('\n');
        Files.writeString(reportFile, report, StandardCharsets.UTF_8);
    }

    /**
     * The files beside a refused input that hold the bytes it declares for them. Units share the outbox and reuse
     * names: a file of a declared name that holds other bytes may be another reply's, dropped for it, and stays for
     * it. A reply that could not be read declares nothing (none set): no file beside it can be told to be its own, so
     * none goes with it.
     */
    private static List<Path> ownAttachments(Exchange exchange, String input) {
        List<?> declared = exchange.getProperty(ATTACHMENTS, List.class);
        String parent = exchange.getMessage().getHeader(Exchange.FILE_PARENT, String.class);
        if (declared == null || parent == null) {
            return List.of();
        }
        List<Path> own = new ArrayList<>();
        for (Object entry : declared) {
            DeclaredFile file = (DeclaredFile) entry;
            Path attachment = Path.of(parent).resolve(file.name());
            try {
                if (file.heldBy(attachment)) {
                    own.add(attachment);
                } else {
                    log.info("Left the attachment {} in {}: it does not hold the bytes the refused file {} declares,"
                            + " so it may be another reply's", PersonalData.maskText(file.name()),
                            PersonalData.maskText(parent), PersonalData.maskText(input));
                }
            } catch (NoSuchFileException absent) {
                // never dropped, or gone since: nothing to keep
            } catch (IOException e) {
                log.warn("Left the attachment {} in {}: whether it holds the bytes the refused file {} declares cannot"
                        + " be told: {}", PersonalData.maskText(file.name()), PersonalData.maskText(parent),
                        PersonalData.maskText(input), PersonalData.maskText(e.getMessage()));
            }
        }
        return own;
    }

    /** Each attachment with the name it will be kept under in quarantine (its own, or {@code <name>.<n>}). */
    private static Map<Path, Path> attachmentsToKeep(List<Path> attachments, Path quarantine, Set<Path> taken) {
        Map<Path, Path> kept = new LinkedHashMap<>();
        Set<Path> planned = new HashSet<>(taken);
        for (Path attachment : attachments) {
            Path target = freeName(quarantine, attachment.getFileName().toString(), planned);
            planned.add(target);
            kept.put(attachment, target);
        }
        return kept;
    }

    private static boolean moveQuietly(Path from, Path to) {
        try {
            Files.move(from, to);
            return true;
        } catch (IOException e) {
            log.warn("Could not move attachment {} to {}: {}", PersonalData.maskText(from.getFileName().toString()),
                    PersonalData.maskText(to.getParent().toString()), PersonalData.maskText(e.getMessage()));
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", file, e.getMessage());
        }
    }

    private UncheckedIOException cannotQuarantine(String name, IOException e) {
        return new UncheckedIOException("could not quarantine " + PersonalData.maskText(name) + " in "
                + properties.quarantine(), e);
    }

    private static boolean isLocalFile(Exchange exchange) {
        return exchange.getMessage().getBody() instanceof GenericFile<?> file && file.getFile() instanceof java.io.File;
    }

    /** Streams the original, so that an oversized file is copied without being loaded into memory. */
    private static InputStream content(Exchange exchange) throws IOException {
        Object body = exchange.getMessage().getBody();
        if (body instanceof GenericFile<?> file && file.getFile() instanceof java.io.File local) {
            return Files.newInputStream(local.toPath());
        }
        InputStream stream = exchange.getMessage().getBody(InputStream.class);
        if (stream == null) {
            throw new IOException("the input's content cannot be read as a stream");
        }
        return stream;
    }

    /** Taken: the name itself, or a copy or report of it left there by a quarantine that did not finish. */
    private static boolean isTaken(Path target, Set<Path> taken) {
        return taken.contains(target) || Files.exists(target)
                || Files.exists(target.resolveSibling(target.getFileName() + ".part"))
                || Files.exists(target.resolveSibling(target.getFileName() + QuarantineFolder.REPORT));
    }

    private static Path freeName(Path folder, String name, Set<Path> taken) {
        Path target = folder.resolve(name);
        for (int n = 1; isTaken(target, taken); n++) {
            target = folder.resolve(name + "." + n);
        }
        return target;
    }
}
