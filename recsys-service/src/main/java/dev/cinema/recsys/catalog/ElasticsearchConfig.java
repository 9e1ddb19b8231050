package dev.cinema.recsys.catalog;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.transport.ElasticsearchTransport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The non-blocking client, on the transport (connection pool, JSON mapper) Boot configures. */
@Configuration
class ElasticsearchConfig {

    @Bean
    ElasticsearchAsyncClient elasticsearchAsyncClient(ElasticsearchTransport transport) {
        return new ElasticsearchAsyncClient(transport);
    }
}
