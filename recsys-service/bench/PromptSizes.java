import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The recsys benchmark's prompt sizes: reads WireMock's request journal (GET /__admin/requests) on
 * stdin and prints, per chat request, the characters of its messages' contents, one per line.
 *
 *   curl .../__admin/requests | java -cp 'recsys-training/target/lib/*' PromptSizes.java
 */
public class PromptSizes {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (JsonNode served : json.readTree(System.in).path("requests")) {
            JsonNode request = served.path("request");
            if (!request.path("url").asText().endsWith("/chat/completions")) {
                continue;
            }
            int characters = 0;
            for (JsonNode message : json.readTree(request.path("body").asText()).path("messages")) {
                characters += message.path("content").asText().length();
            }
            System.out.println(characters);
        }
    }
}
