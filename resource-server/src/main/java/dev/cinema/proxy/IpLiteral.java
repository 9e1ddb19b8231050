package dev.cinema.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address written as text, read without ever asking DNS: a header a client wrote
 * must not make the service look names up, nor pass for an address when it is none.
 */
final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** Hex digits, colons and an IPv4 tail; no zone ({@code %eth0}), which would name an interface. 45 is the longest IPv6 text. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiteral() {
    }

    static Optional<InetAddress> parse(String text) {
        try {
            if (IPV4.matcher(text).matches()) {
                byte[] bytes = new byte[4];
                String[] parts = text.split("\\.");
                for (int i = 0; i < 4; i++) {
                    bytes[i] = (byte) Integer.parseInt(parts[i]);
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            // Text with a colon that starts with a hex digit or a colon is read by the JDK as an IPv6
            // literal only: it throws for a bad one rather than resolving it.
            if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
                return Optional.of(InetAddress.getByName(text));
            }
        } catch (UnknownHostException notAnAddress) {
            // falls through
        }
        return Optional.empty();
    }
}
