package org.coophub.replies;

import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.coophub.inbound.InboundRequestParser;
import org.coophub.intake.IntakeProperties;
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

    /**
     * What the platform polls have taken, in the ledger database, so that a file seen again (also after a restart)
     * is not taken twice. The table comes from the Flyway migrations.
     */
    @Bean
    JdbcMessageIdRepository platformPolls(DataSource dataSource) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, "platform-polls");
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
