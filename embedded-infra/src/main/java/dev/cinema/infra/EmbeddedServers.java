package dev.cinema.infra;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts the named servers before the test class, once per test JVM, and publishes their
 * addresses as system properties named like the services' environment variables
 * ({@code POSTGRES_URL}, {@code KAFKA_BOOTSTRAP_SERVERS}, {@code ELASTICSEARCH_URL},
 * {@code MONGODB_URI}, {@code REDIS_URL}), which Spring resolves in {@code ${...}} placeholders.
 * Put it before {@code @SpringBootTest}. Test methods may take a server as a parameter to stop and
 * start it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedServersExtension.class)
public @interface EmbeddedServers {

    ServerKind[] value();
}
