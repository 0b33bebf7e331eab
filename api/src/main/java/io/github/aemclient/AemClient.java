package io.github.aemclient;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Objects;

/**
 * Qualifies an injected JAX-RS {@code Client}, {@code WebTarget} or {@link AccessTokenProvider} with the
 * AEM environment it talks to. The environment's settings are read from the MicroProfile Config keys
 * {@code aem.<value>.*}, for example {@code aem.author.url}.
 *
 * <pre>{@code @Inject @AemClient("author") WebTarget aem;}</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface AemClient {

    /** {@return the environment name used in configuration keys ({@code aem.<name>.url})} */
    String value() default "default";

    /**
     * An {@code @AemClient} instance for programmatic lookup:
     * {@code CDI.current().select(WebTarget.class, AemClient.Literal.of("author"))}. Immutable.
     */
    final class Literal extends AnnotationLiteral<AemClient> implements AemClient {
        private static final long serialVersionUID = 1L;

        /** The environment name. */
        private final String value;

        private Literal(String value) {
            this.value = Objects.requireNonNull(value, "value");
        }

        /**
         * {@return the qualifier {@code @AemClient(environment)}}
         *
         * @param environment the environment name, as in {@code aem.<environment>.url}
         * @throws NullPointerException when {@code environment} is null
         */
        public static Literal of(String environment) {
            return new Literal(environment);
        }

        /** {@return the environment name} */
        @Override
        public String value() {
            return value;
        }
    }
}
