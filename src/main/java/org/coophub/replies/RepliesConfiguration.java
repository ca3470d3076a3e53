package org.coophub.replies;

import java.time.Clock;
import javax.sql.DataSource;
import org.coophub.inbound.InboundRequestParser;
import org.coophub.intake.IntakeProperties;
import org.coophub.platform.TakenFiles;
import org.coophub.routing.ScopeRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RepliesConfiguration {

    @Bean
    ReplyParser replyParser(IntakeProperties intake, RepliesProperties replies) {
        return new ReplyParser(intake.maxSize().toBytes(), replies.maxAttachmentSize().toBytes());
    }

    @Bean
    InboundRequestParser inboundRequestParser(ScopeRule scopeRule, Clock clock, IntakeProperties intake) {
        return new InboundRequestParser(scopeRule, clock, intake.maxSize().toBytes());
    }

    /** One set for replies both ways: they share the attachment store. */
    @Bean
    RequestLocks requestLocks() {
        return new RequestLocks();
    }

    @Bean
    TakenFiles platformPolls(DataSource dataSource) {
        return new TakenFiles(dataSource);
    }
}
