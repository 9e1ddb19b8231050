package dev.cinema.infra;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EmbeddedServers({ServerKind.POSTGRES, ServerKind.KAFKA, ServerKind.ELASTICSEARCH, ServerKind.MONGO, ServerKind.REDIS})
class HealthIT {

    @Test
    void eachRunningServerAnswersInItsOwnProtocol(PostgresServer postgres, KafkaServer kafka, ElasticsearchServer elasticsearch,
                                                  MongoServer mongo, RedisServer redis) throws Exception {
        assertThat(Health.check("postgres", postgres.connectionSettings().get("POSTGRES_URL"))).startsWith("accepting sessions (PostgreSQL ");
        assertThat(Health.check("kafka", kafka.connectionSettings().get("KAFKA_BOOTSTRAP_SERVERS"))).startsWith("broker answers (");
        assertThat(Health.check("elasticsearch", elasticsearch.url())).matches("cluster status (green|yellow)");
        assertThat(Health.check("mongo", mongo.connectionSettings().get("MONGODB_URI"))).isEqualTo("ping ok");
        assertThat(Health.check("redis", redis.connectionSettings().get("REDIS_URL"))).isEqualTo("PONG");
    }

    @Test
    void aPortWhereNothingListensIsDown() {
        int closed = ServerKind.freePort();

        assertThatThrownBy(() -> Health.check("redis", "redis://127.0.0.1:" + closed)).hasMessageContaining("refused");
        assertThatThrownBy(() -> Health.check("kafka", "127.0.0.1:" + closed)).hasMessageContaining("refused");
        assertThatThrownBy(() -> Health.check("postgres", "postgresql://127.0.0.1:" + closed)).isInstanceOf(Exception.class);
    }
}
