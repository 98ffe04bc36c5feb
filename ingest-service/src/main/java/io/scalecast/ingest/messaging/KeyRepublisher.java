package io.scalecast.ingest.messaging;

import io.scalecast.contracts.event.ApiKeyEvent;
import io.scalecast.ingest.service.ApiKeyService;
import io.scalecast.support.recovery.RepublishScope;
import io.scalecast.support.recovery.RepublishSink;
import io.scalecast.support.recovery.Republisher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends every API key's current state to {@code scalecast.api-keys} again, by itself when the topic lost them (else
 * every key issued before would be refused everywhere) and on an operator's request.
 */
@ApplicationScoped
public class KeyRepublisher implements Republisher {

    private final ApiKeyService keys;

    public KeyRepublisher(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public String what() {
        return "keys";
    }

    @Override
    public String topic() {
        return ApiKeyEvent.TOPIC;
    }

    @Override
    public boolean automatic() {
        return true;
    }

    @Override
    public void queue(RepublishScope scope, RepublishSink sink) {
        keys.republish(scope, sink);
    }
}
