package dev.cinema.asyncapi;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** ugc-service for async-api's tests: WireMock on a free port, its address in UGC_URL. */
final class Ugc {

    private static WireMockServer server;

    private Ugc() {
    }

    static synchronized WireMockServer get() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            server.start();
            System.setProperty("UGC_URL", server.baseUrl());
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }
}
