package dev.cinema.web;

import org.springframework.format.FormatterRegistry;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.reactive.config.WebFluxConfigurer;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Request parameters taken as {@code int} or {@code long} (query, path, header) accept decimal
 * digits with an optional sign, and nothing else. Spring's own conversion also reads {@code 0x10}
 * and {@code #10} as 16 and trims {@code " 1"} to 1: what the client meant is guessed instead of
 * refused. {@code -0} is 0, a number like any other. A value refused here, or one past the type's
 * range, is a type mismatch that {@link ProblemHandler} answers 400, naming the parameter and its bounds.
 *
 * <p>Both an editor and a converter, because Spring falls back from one to the other: a value the
 * conversion service refuses goes on to the default editors (which read hexadecimal), and a value
 * an editor cannot take (a parameter sent twice comes as the list of its values) goes on to the
 * conversion service, whose converter here then takes the first value, or refuses it.
 */
@ControllerAdvice
public class WholeNumbers implements WebFluxConfigurer {

    /** ASCII digits only: {@code Integer.parseInt} also reads other scripts' digits ("٣" is 3). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");

    @InitBinder
    void decimalDigitsOnly(WebDataBinder binder) {
        // One editor per binder: an editor holds the value it converts.
        binder.registerCustomEditor(int.class, new Editor(Integer::parseInt));
        binder.registerCustomEditor(Integer.class, new Editor(Integer::parseInt));
        binder.registerCustomEditor(long.class, new Editor(Long::parseLong));
        binder.registerCustomEditor(Long.class, new Editor(Long::parseLong));
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        // Added after the defaults, so these are the ones found for String to Integer and to Long.
        registry.addConverter(String.class, Integer.class, text -> parse(text, Integer::parseInt));
        registry.addConverter(String.class, Long.class, text -> parse(text, Long::parseLong));
    }

    /** Throws IllegalArgumentException (a NumberFormatException past the type's range): a type mismatch. */
    private static <T extends Number> T parse(String text, Function<String, T> parser) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not a whole number in decimal digits");
        }
        return parser.apply(text);
    }

    private static final class Editor extends PropertyEditorSupport {

        private final Function<String, ? extends Number> parser;

        Editor(Function<String, ? extends Number> parser) {
            this.parser = parser;
        }

        @Override
        public void setAsText(String text) {
            setValue(parse(text, parser));
        }
    }
}
