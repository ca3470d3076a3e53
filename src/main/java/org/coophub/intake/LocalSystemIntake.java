package org.coophub.intake;

import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** Where the intake routes (routes/intake.yaml) hand over what local systems dropped or sent. */
@Component("localSystemIntake")
public class LocalSystemIntake {

    private final IntakeService intake;
    private final ArchiveNames archiveNames;
    private final long maxBytes;

    public LocalSystemIntake(IntakeService intake, ArchiveNames archiveNames, IntakeProperties properties) {
        this.intake = intake;
        this.archiveNames = archiveNames;
        this.maxBytes = properties.maxSize().toBytes();
    }

    public void fromFile(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        Long length = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
        if (length != null && length > maxBytes) {
            // refuse before reading: an oversized file is never loaded into memory
            throw new InvalidRequestException(List.of(new FieldError(FieldError.DOCUMENT, "size",
                    "the file is " + length + " bytes; the limit is " + maxBytes + " (coophub.intake.max-size)")));
        }
        intake.accept(exchange.getMessage().getBody(byte[].class), Channel.FILE, name);
        exchange.setProperty(ArchiveNames.PROPERTY, ArchiveNames.archived(name, archiveNames.stamp()));
    }

    public void fromMessage(Exchange exchange) {
        String messageId = exchange.getMessage().getHeader("JMSMessageID", String.class);
        intake.accept(exchange.getMessage().getBody(byte[].class), Channel.JMS, messageId);
    }
}
