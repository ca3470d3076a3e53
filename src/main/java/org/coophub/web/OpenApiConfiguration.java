package org.coophub.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The title page of the API documentation (/swagger-ui.html), and how its calls log in; the operations document
 * themselves.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    private static final String BASIC = "basic";

    /**
     * HTTP Basic, as local systems call: "Try it out" then sends an Authorization header, which needs no CSRF token,
     * where riding on the dashboard's login cookie alone is refused for a call that changes anything.
     */
    @Bean
    OpenAPI coophubApi(@Value("${coophub.bureau.name}") String bureau) {
        return new OpenAPI()
                .components(new Components().addSecuritySchemes(BASIC,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .info(new Info()
                .title("coophub")
                .version("0.1.0")
                .description("Cooperation requests between " + bureau + "'s local case systems and the national and "
                        + "provincial cooperation platforms: submit and follow our requests, sign for and answer "
                        + "requests from other regions, acknowledge deadline alerts. Request and reply formats and "
                        + "their rules: README.md."));
    }
}
