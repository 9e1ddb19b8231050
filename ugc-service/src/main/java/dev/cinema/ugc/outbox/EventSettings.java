package dev.cinema.ugc.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param topic         where the events go ({@code ugc.reactions.v1})
 * @param partitions    partitions when the service creates the topic
 * @param replicas      replication factor when the service creates the topic
 * @param relayInterval pause between two relay rounds that found nothing to publish
 * @param relayBatch    documents with pending events per round
 * @param maxBackoff    longest pause between two attempts while Kafka is down
 * @param sweepInterval how often the relay also searches every outbox, for events an instance
 *                      that died left behind (it always does at start and after a failure)
 */
@ConfigurationProperties("ugc.events")
record EventSettings(String topic, int partitions, short replicas, Duration relayInterval, int relayBatch, Duration maxBackoff,
                     Duration sweepInterval) {
}
