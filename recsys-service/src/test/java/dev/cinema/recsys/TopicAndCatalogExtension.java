package dev.cinema.recsys;

import dev.cinema.security.TestJwtIssuer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After the embedded servers, before the tests: the events topic, the test catalog's index and the
 * test issuer's JWKS (each made once), so that every context starts with AUTH_JWKS_URI set, whichever
 * class comes first.
 */
final class TopicAndCatalogExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Events.createTopic();
        TestCatalog.createIndex();
        TestJwtIssuer.get();
    }
}
