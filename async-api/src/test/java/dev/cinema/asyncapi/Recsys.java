package dev.cinema.asyncapi;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** recsys-service for async-api's tests: WireMock on a free port, its address in RECSYS_URL. */
final class Recsys {

    private static WireMockServer server;

    private Recsys() {
    }

    static synchronized WireMockServer get() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            server.start();
            System.setProperty("RECSYS_URL", server.baseUrl());
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }
}
