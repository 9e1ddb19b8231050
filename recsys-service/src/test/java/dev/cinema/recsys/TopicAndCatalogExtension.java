package dev.cinema.recsys;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** After the embedded servers, before the tests: the events topic and the test catalog's index (each made once). */
final class TopicAndCatalogExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Events.createTopic();
        TestCatalog.createIndex();
    }
}
