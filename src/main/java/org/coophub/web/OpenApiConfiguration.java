package org.coophub.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title page of the API documentation (/swagger-ui.html); the operations document themselves. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenAPI coophubApi(@Value("${coophub.bureau.name}") String bureau) {
        return new OpenAPI().info(new Info()
                .title("coophub")
                .version("0.1.0")
                .description("Cooperation requests between " + bureau + "'s local case systems and the national and "
                        + "provincial cooperation platforms: submit and follow our requests, sign for and answer "
                        + "requests from other regions, acknowledge deadline alerts. Request and reply formats and "
                        + "their rules: README.md."));
    }
}
