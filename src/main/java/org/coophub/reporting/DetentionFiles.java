package org.coophub.reporting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.camel.Exchange;
import org.coophub.intake.ArchiveNames;
import org.coophub.ledger.Ledger;
import org.coophub.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * CSV files of detentions dropped in {@code coophub.reporting.detentions-folder} (route detentions-from-folder in
 * routes/reporting.yaml): stored whole and archived in {@code .done}, or refused whole and moved to {@code .error}
 * with {@code <file>.error.txt} beside it, each under a name of its own ({@link ArchiveNames}), so a room that drops
 * {@code march.csv} twice keeps both. A file that fails for a reason outside it (the ledger down) stays where it is
 * and is taken again at the next poll: it is not bad, and nobody would take it again from {@code .error}.
 */
@Component("detentionFiles")
public class DetentionFiles {

    private static final Logger log = LoggerFactory.getLogger(DetentionFiles.class);

    private final DetentionStore store;
    private final Ledger ledger;
    private final ReportingProperties properties;
    private final Clock clock;

    private final ArchiveNames archiveNames;

    public DetentionFiles(DetentionStore store, Ledger ledger, ReportingProperties properties, Clock clock,
            ArchiveNames archiveNames) {
        this.archiveNames = archiveNames;
        this.store = store;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    public void fromFile(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        exchange.setProperty(ArchiveNames.PROPERTY, ArchiveNames.archived(name, archiveNames.stamp()));
        List<DetentionFigure> figures = DetentionsCsv.parse(exchange.getMessage().getBody(byte[].class));
        store.putAll(figures, "FILE " + name);
        log.info("Took {} detention figure(s) from {}", figures.size(), PersonalData.maskText(name));
    }

    /**
     * Called by the error policy for a refused file: the reason goes to the ledger's refused inputs, beside the file
     * in {@code .error} (it is moved there here: the route leaves a file that failed otherwise where it is) and to
     * the log.
     */
    public void refuse(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        String archived = exchange.getProperty(ArchiveNames.PROPERTY, String.class);
        Exception refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = String.valueOf(refusal.getMessage());
        Path errors = properties.detentionsFolder().resolve(".error");
        ledger.recordRejectedInput("FILE", "detentions/" + name, reason);
        try {
            Files.createDirectories(errors);
            Files.writeString(errors.resolve(archived + ".error.txt"), "file: " + PersonalData.maskText(name)
                    + "\nrefused at: " + OffsetDateTime.now(clock) + "\nrule(s) broken:\n" + reason + "\n",
                    StandardCharsets.UTF_8);
            Files.move(Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class)),
                    errors.resolve(archived));
        } catch (IOException e) {
            throw new UncheckedIOException("could not set " + PersonalData.maskText(name) + " aside in " + errors, e);
        }
        log.warn("Refused detentions file {} (moved to {}): {}", PersonalData.maskText(name),
                PersonalData.maskText(errors.resolve(archived).toString()),
                reason.replace('\n', ' '));
    }
}
