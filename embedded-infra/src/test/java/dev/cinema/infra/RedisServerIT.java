package dev.cinema.infra;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedServers(ServerKind.REDIS)
class RedisServerIT {

    @Test
    void aValueSetIsReadBack(RedisServer redis) {
        try (JedisPooled client = new JedisPooled(URI.create(redis.connectionSettings().get("REDIS_URL")))) {
            client.set("infra:film:42", "Alien");

            assertThat(client.get("infra:film:42")).isEqualTo("Alien");
        }
    }
}
