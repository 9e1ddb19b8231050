package dev.cinema.asyncapi;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Before the Spring context starts (and after the embedded servers): recsys-service's stand-in
 * running, its address in RECSYS_URL, ugc-service's (also WireMock) in UGC_URL, and the test catalog in Elasticsearch.
 */
final class TestCatalogExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Recsys.get();
        Ugc.get();
        TestCatalog.load();
    }
}
