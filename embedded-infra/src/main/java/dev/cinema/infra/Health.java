package dev.cinema.infra;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks each server, in its own protocol, whether it serves: PostgreSQL accepts a session, the Kafka
 * broker answers ApiVersions, Elasticsearch reports its cluster status, MongoDB answers
 * {@code ping}, Redis answers {@code PING}. A live process proves none of that.
 *
 * <pre>java -cp ... dev.cinema.infra.Health NAME=ADDRESS...</pre>
 * prints one line per server, {@code NAME<TAB>ok: ...} or {@code NAME<TAB>DOWN: ...}, and exits 1
 * when any is down.
 */
public final class Health {

    private static final int TIMEOUT_MILLIS = 3000;

    private Health() {
    }

    public static void main(String[] args) {
        boolean allUp = true;
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = arg.substring(0, equals);
            String address = arg.substring(equals + 1);
            String verdict;
            try {
                verdict = "ok: " + check(name, address);
            } catch (Exception e) {
                verdict = "DOWN: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                allUp = false;
            }
            System.out.println(name + "\t" + verdict);
        }
        System.exit(allUp ? 0 : 1);
    }

    static String check(String name, String address) throws Exception {
        return switch (name) {
            case "postgres" -> postgres(address);
            case "kafka" -> kafka(address.split(",")[0]);
            case "elasticsearch" -> elasticsearch(address);
            case "mongo" -> mongo(URI.create(address));
            case "redis" -> redis(URI.create(address));
            default -> throw new IllegalArgumentException("unknown server " + name);
        };
    }

    private static String postgres(String url) throws Exception {
        URI uri = URI.create(url);
        DriverManager.setLoginTimeout(TIMEOUT_MILLIS / 1000);
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + portOf(uri, 5432) + "/postgres";
        try (Connection connection = DriverManager.getConnection(jdbc, System.getenv().getOrDefault("POSTGRES_USER", "postgres"),
                System.getenv().getOrDefault("POSTGRES_PASSWORD", "postgres"));
             ResultSet row = connection.createStatement().executeQuery("SHOW server_version")) {
            row.next();
            return "accepting sessions (PostgreSQL " + row.getString(1) + ")";
        }
    }

    /** ApiVersions v0: the first request every Kafka client sends. */
    private static String kafka(String hostAndPort) throws IOException {
        int colon = hostAndPort.lastIndexOf(':');
        try (Socket socket = connect(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)))) {
            byte[] clientId = "cinema-health".getBytes(StandardCharsets.US_ASCII);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(2 + 2 + 4 + 2 + clientId.length);
            out.writeShort(18); // ApiVersions
            out.writeShort(0);
            out.writeInt(7); // correlation id
            out.writeShort(clientId.length);
            out.write(clientId);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            in.readInt(); // size
            if (in.readInt() != 7) {
                throw new IOException("the broker answered another request");
            }
            short error = in.readShort();
            if (error != 0) {
                throw new IOException("the broker answered error code " + error);
            }
            return "broker answers (" + in.readInt() + " APIs)";
        }
    }

    private static String elasticsearch(String url) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(TIMEOUT_MILLIS)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/_cluster/health"))
                    .timeout(Duration.ofMillis(TIMEOUT_MILLIS)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher status = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"").matcher(response.body());
            if (response.statusCode() != 200 || !status.find()) {
                throw new IOException("HTTP " + response.statusCode() + " from _cluster/health");
            }
            if ("red".equals(status.group(1))) {
                throw new IOException("cluster status red");
            }
            return "cluster status " + status.group(1);
        }
    }

    /** {@code {ping: 1}} as an OP_MSG, the message every current MongoDB driver speaks. */
    private static String mongo(URI uri) throws IOException {
        byte[] document = bson();
        ByteBuffer message = ByteBuffer.allocate(16 + 4 + 1 + document.length).order(ByteOrder.LITTLE_ENDIAN);
        message.putInt(message.capacity()).putInt(1).putInt(0).putInt(2013); // header: length, id, reply-to, OP_MSG
        message.putInt(0).put((byte) 0).put(document); // flags, body section
        try (Socket socket = connect(uri.getHost(), portOf(uri, 27017))) {
            OutputStream out = socket.getOutputStream();
            out.write(message.array());
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] lengthBytes = in.readNBytes(4);
            int length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
            byte[] reply = in.readNBytes(length - 4);
            // The reply's document holds "ok" as a double (type 0x01) or an int32 (0x10) equal to 1.
            int asDouble = indexOf(reply, new byte[] {0x01, 'o', 'k', 0});
            int asInt = indexOf(reply, new byte[] {0x10, 'o', 'k', 0});
            boolean ok = asDouble >= 0
                    ? ByteBuffer.wrap(reply, asDouble + 4, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble() == 1.0
                    : asInt >= 0 && ByteBuffer.wrap(reply, asInt + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == 1;
            if (!ok) {
                throw new IOException("ping was not answered ok");
            }
            return "ping ok";
        }
    }

    private static byte[] bson() {
        ByteBuffer doc = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        doc.putInt(0);
        doc.put((byte) 0x10).put("ping".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).putInt(1);
        byte[] admin = "admin".getBytes(StandardCharsets.US_ASCII);
        doc.put((byte) 0x02).put("$db".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).putInt(admin.length + 1).put(admin).put((byte) 0);
        doc.put((byte) 0);
        int length = doc.position();
        doc.putInt(0, length);
        byte[] bytes = new byte[length];
        doc.get(0, bytes);
        return bytes;
    }

    private static String redis(URI uri) throws IOException {
        try (Socket socket = connect(uri.getHost(), portOf(uri, 6379))) {
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readNBytes(7), StandardCharsets.US_ASCII).trim();
            if (!reply.equals("+PONG")) {
                throw new IOException("PING answered " + reply);
            }
            return "PONG";
        }
    }

    /** The URL's port, or the server's usual one when the URL names none. */
    private static int portOf(URI uri, int usual) {
        return uri.getPort() == -1 ? usual : uri.getPort();
    }

    private static Socket connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            boolean match = true;
            for (int j = 0; j < needle.length && match; j++) {
                match = haystack[i + j] == needle[j];
            }
            if (match) {
                return i;
            }
        }
        return -1;
    }
}
