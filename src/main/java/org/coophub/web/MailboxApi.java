package org.coophub.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.coophub.alerts.EmbeddedMailbox;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the embedded mailbox of the default profile received: the alerts coophub sent, newest last. */
@RestController
@ConditionalOnBean(EmbeddedMailbox.class)
@Tag(name = "Mailbox", description = "Default profile only: the embedded SMTP server's mail")
public class MailboxApi {

    private final EmbeddedMailbox mailbox;

    public MailboxApi(EmbeddedMailbox mailbox) {
        this.mailbox = mailbox;
    }

    public record Mail(String to, String subject, String sent) {
    }

    @GetMapping(path = "/api/mailbox", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The mails the embedded SMTP server received (alerts and digests), oldest first")
    public List<Mail> received() throws MessagingException {
        List<Mail> mails = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (MimeMessage message : mailbox.received()) {
            if (!seen.add(String.valueOf(message.getMessageID()))) {
                continue; // the mailbox keeps one copy per recipient
            }
            Address[] to = message.getAllRecipients();
            mails.add(new Mail(to == null ? "" : Arrays.stream(to).map(Address::toString).collect(Collectors.joining(", ")),
                    message.getSubject(), String.valueOf(message.getSentDate())));
        }
        return mails;
    }
}
