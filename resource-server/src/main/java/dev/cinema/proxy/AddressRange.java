package dev.cinema.proxy;

import java.net.InetAddress;

/** A CIDR block such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is a block of one. */
record AddressRange(byte[] network, int prefixLength) {

    static AddressRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] network = IpLiteral.parse(address)
                .orElseThrow(() -> new IllegalArgumentException("'" + cidr + "' is no IP address or CIDR block")).getAddress();
        int bits = network.length * 8;
        int prefixLength;
        try {
            prefixLength = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("'" + cidr + "' has no prefix length after its '/'");
        }
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("'" + cidr + "': the prefix length must be 0 to " + bits);
        }
        return new AddressRange(network, prefixLength);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }
}
