package dev.cinema.recsys.llm;

import chat.giga.http.client.HttpClient;
import chat.giga.http.client.HttpRequest;
import chat.giga.http.client.HttpResponse;
import chat.giga.http.client.sse.SseListener;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * GigaChat's HTTP calls over the JDK's client, turning every answer that is not a 2xx into an
 * {@link LlmFailure} with what the retry policy needs: the library's own client drops the headers
 * of a failed answer, and with them a 429's {@code Retry-After}.
 */
final class CheckedHttpClient implements HttpClient {

    /** Headers the JDK's client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final java.net.http.HttpClient client;
    private final Duration timeout;

    CheckedHttpClient(Duration timeout, boolean verifySsl) {
        this.timeout = timeout;
        java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder().connectTimeout(timeout);
        if (!verifySsl) {
            builder.sslContext(trustingEveryCertificate());
        }
        this.client = builder.build();
    }

    @Override
    public HttpResponse execute(HttpRequest request) {
        try {
            return checked(client.send(toJdk(request), java.net.http.HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new LlmFailure.Unavailable(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmFailure.Unavailable("interrupted");
        }
    }

    @Override
    public void execute(HttpRequest request, SseListener listener) {
        throw new UnsupportedOperationException("recsys-service does not stream");
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request) {
        return client.sendAsync(toJdk(request), java.net.http.HttpResponse.BodyHandlers.ofByteArray()).thenApply(CheckedHttpClient::checked);
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(timeout);
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        byte[] body = request.body();
        builder.method(request.method().name(), body == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        return builder.build();
    }

    private static HttpResponse checked(java.net.http.HttpResponse<byte[]> response) {
        HttpHeaders headers = response.headers();
        if (response.statusCode() / 100 != 2) {
            throw LlmFailure.ofStatus(response.statusCode(), headers.firstValue("Retry-After").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8));
        }
        return HttpResponse.builder().statusCode(response.statusCode()).headers(headers.map()).body(response.body()).build();
    }

    /** For a test server only ({@code GIGACHAT_VERIFY_SSL=false}). */
    private static SSLContext trustingEveryCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
