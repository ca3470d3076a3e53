package org.coophub.routing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Our own bureau ({@code coophub.bureau.*}): its unit code decides every request's scope. */
@Validated
@ConfigurationProperties("coophub.bureau")
public record BureauProperties(
        @NotNull @Pattern(regexp = "\\d{12}", message = "must be 12 digits, the first six a GB/T 2260 region code")
        String code,
        @NotBlank String name) {

    public BureauProperties {
        // Shape errors are left to bean validation so they are reported with the other properties;
        // only the province, which no annotation can check, is checked here.
        if (code != null && code.matches("\\d{12}") && !Provinces.isProvince(code.substring(0, 2))) {
            throw new IllegalArgumentException("coophub.bureau.code: " + code.substring(0, 2)
                    + " is not a GB/T 2260 province code, so the scope rule cannot be applied");
        }
    }

    public ScopeRule scopeRule() {
        return new ScopeRule(code);
    }
}
