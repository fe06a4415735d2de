package com.uplift.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The message contract, {@code docs/asyncapi.yaml}, as a validator: a message's payload or headers against the
 * document's own schemas (AsyncAPI 3.0's default schema format is a superset of JSON Schema draft 7), with networknt's
 * json-schema-validator.
 */
public final class AsyncApiContract {

    static final Path DOCUMENT = Path.of("docs", "asyncapi.yaml");

    private final JsonNode document;
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    public AsyncApiContract() {
        try {
            document = new YAMLMapper().readTree(DOCUMENT.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT.toAbsolutePath(), e);
        }
    }

    JsonNode document() {
        return document;
    }

    /** What is wrong with {@code instance} as the payload of the named message (empty: it conforms). */
    public List<String> payloadViolations(String message, JsonNode instance) {
        return violations(document.at("/components/messages/" + message + "/payload"), instance);
    }

    /** What is wrong with {@code headers} as the headers of the named message. */
    public List<String> headerViolations(String message, JsonNode headers) {
        return violations(document.at("/components/messages/" + message + "/headers"), headers);
    }

    /**
     * Validates against one schema of the document: the schema is wrapped in a root that carries the document's
     * components, so its {@code #/components/schemas/...} references resolve as they do in the document.
     */
    private List<String> violations(JsonNode schemaInDocument, JsonNode instance) {
        if (schemaInDocument.isMissingNode()) {
            throw new IllegalArgumentException("no such schema in " + DOCUMENT);
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putArray("allOf").add(schemaInDocument);
        root.set("components", document.get("components"));
        Schema schema = schemas.getSchema(SchemaLocation.of("https://uplift.example/asyncapi.yaml"), root);
        return schema.validate(instance).stream().map(Error::toString).toList();
    }
}
