package org.coophub.replies;

import org.coophub.intake.IntakeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RepliesConfiguration {

    @Bean
    ReplyParser replyParser(IntakeProperties intake, RepliesProperties replies) {
        return new ReplyParser(intake.maxSize().toBytes(), replies.maxAttachmentSize().toBytes());
    }

    /** One set for replies both ways: they share the attachment store. */
    @Bean
    RequestLocks requestLocks() {
        return new RequestLocks();
    }
}
