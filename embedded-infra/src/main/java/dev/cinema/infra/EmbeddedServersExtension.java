package dev.cinema.infra;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.Arrays;

/** The JUnit side of {@link EmbeddedServers}; the servers themselves live in {@link TestServers}. */
public final class EmbeddedServersExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        ServerKind[] kinds = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), EmbeddedServers.class)
                .map(EmbeddedServers::value)
                .orElseThrow(() -> new IllegalStateException("@EmbeddedServers is missing on " + context.getRequiredTestClass()));
        Arrays.stream(kinds).forEach(TestServers::get);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return ServerKind.ofType(parameter.getParameter().getType()) != null;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ServerKind kind = ServerKind.ofType(parameter.getParameter().getType());
        if (kind == null) {
            throw new ParameterResolutionException("not a server type: " + parameter.getParameter().getType());
        }
        return TestServers.get(kind);
    }
}
