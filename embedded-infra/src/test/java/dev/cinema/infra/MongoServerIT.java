package dev.cinema.infra;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EmbeddedServers(ServerKind.MONGO)
class MongoServerIT {

    @Test
    void insertFindAndUniqueIndexRejectsADuplicate(MongoServer mongo) {
        try (MongoClient client = MongoClients.create(mongo.connectionSettings().get("MONGODB_URI"))) {
            MongoCollection<Document> reactions = client.getDatabase("ugc").getCollection("infra_reactions");
            reactions.drop();
            reactions.createIndex(Indexes.ascending("userId", "filmId"), new IndexOptions().unique(true));

            reactions.insertOne(new Document("userId", "u1").append("filmId", "f1").append("value", "LIKE"));

            assertThat(reactions.find(eq("userId", "u1")).first()).containsEntry("value", "LIKE");
            assertThatThrownBy(() -> reactions.insertOne(new Document("userId", "u1").append("filmId", "f1")))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(ErrorCategory.fromErrorCode(e.getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY));
        }
    }

    @Test
    void theFileBackendKeepsDocumentsAcrossARestart(@TempDir Path dir) {
        MongoServer server = new MongoServer(ServerKind.freePort(), dir, MongoServer.Storage.FILE);
        server.start();
        try {
            try (MongoClient client = MongoClients.create(server.connectionSettings().get("MONGODB_URI"))) {
                client.getDatabase("ugc").getCollection("kept").insertOne(new Document("_id", "a").append("n", 1));
            }

            server.stop();
            server.start();

            try (MongoClient client = MongoClients.create(server.connectionSettings().get("MONGODB_URI"))) {
                assertThat(client.getDatabase("ugc").getCollection("kept").find(eq("_id", "a")).first())
                        .containsEntry("n", 1);
            }
        } finally {
            server.stop();
        }
    }
}
