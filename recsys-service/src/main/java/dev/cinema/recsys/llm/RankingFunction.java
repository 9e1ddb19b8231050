package dev.cinema.recsys.llm;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

import java.util.Map;

/**
 * The function the model answers through (GigaChat's {@code functions}, OpenAI's {@code tools}, or
 * the JSON schema of {@code response_format}): one schema for all of them. Models follow it loosely,
 * so {@link AnswerReader} checks every field anyway.
 */
final class RankingFunction {

    static final String NAME = "rank_films";
    static final String DESCRIPTION = "Gives the candidates the viewer should see, best first, and a few discoveries from outside them.";

    static final JsonObjectSchema PARAMETERS = JsonObjectSchema.builder()
            .addProperty("picks", JsonArraySchema.builder()
                    .description("candidates, best first")
                    .items(JsonObjectSchema.builder()
                            .addStringProperty("id", "a candidate's id, such as c3")
                            .addStringProperty("because", "the id of the liked film it follows from, such as l1")
                            .required("id")
                            .build())
                    .build())
            .addProperty("discoveries", JsonArraySchema.builder()
                    .description("films that are not candidates, only ones the viewer would surely love")
                    .items(JsonObjectSchema.builder()
                            .addStringProperty("title", "the original title")
                            .addIntegerProperty("year", "the year of release")
                            .addStringProperty("because", "the id of the liked film it follows from, such as l1")
                            .required("title")
                            .build())
                    .build())
            .required("picks")
            .build();

    private RankingFunction() {
    }

    static ToolSpecification tool() {
        return ToolSpecification.builder().name(NAME).description(DESCRIPTION).parameters(PARAMETERS).build();
    }

    /** The schema as JSON (GigaChat's request is written by hand; see {@link GigaChatProvider}). */
    static Map<String, Object> parametersAsJson() {
        return JsonSchemaElementUtils.toMap(PARAMETERS);
    }
}
