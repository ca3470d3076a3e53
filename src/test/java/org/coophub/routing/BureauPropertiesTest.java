package org.coophub.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;
import org.coophub.request.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class BureauPropertiesTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Enabled.class, RoutingConfiguration.class);

    @EnableConfigurationProperties(BureauProperties.class)
    static class Enabled {
    }

    @BeforeAll
    static void startValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    @Test
    void aTwelveDigitCodeInAProvinceIsValid() {
        BureauProperties bureau = new BureauProperties("110105000000", "Chaoyang Branch");

        assertThat(validator.validate(bureau)).isEmpty();
        assertThat(bureau.scopeRule().scopeFor("310104")).isEqualTo(Scope.NATIONAL);
    }

    @Test
    void aCodeThatIsNotTwelveDigitsIsAViolationOfCode() {
        Set<ConstraintViolation<BureauProperties>> violations =
                validator.validate(new BureauProperties("110105", "Chaoyang Branch"));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.getPropertyPath()).hasToString("code");
            assertThat(v.getMessage()).isEqualTo("must be 12 digits, the first six a GB/T 2260 region code");
        });
    }

    @Test
    void codeAndNameAreRequired() {
        assertThat(validator.validate(new BureauProperties(null, " ")))
                .extracting(v -> v.getPropertyPath().toString())
                .containsExactlyInAnyOrder("code", "name");
    }

    @Test
    void aCodeOutsideEveryProvinceIsRejectedNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BureauProperties("990105000000", "Nowhere"))
                .withMessageContaining("coophub.bureau.code");
    }

    @Test
    void bindsAndExposesTheScopeRule() {
        context.withPropertyValues("coophub.bureau.code=110105000000", "coophub.bureau.name=Chaoyang Branch")
                .run(ctx -> assertThat(ctx.getBean(ScopeRule.class).scopeFor("110108")).isEqualTo(Scope.PROVINCIAL));
    }

    @Test
    void refusesToStartWithABadCode() {
        context.withPropertyValues("coophub.bureau.code=11010500", "coophub.bureau.name=Chaoyang Branch")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().hasStackTraceContaining("coophub.bureau.code"));
        context.withPropertyValues("coophub.bureau.code=990105000000", "coophub.bureau.name=Nowhere")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().hasStackTraceContaining("coophub.bureau.code"));
    }

    @Test
    void refusesToStartWithoutABureau() {
        context.run(ctx -> assertThat(ctx).hasFailed());
    }
}
