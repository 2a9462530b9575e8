package dev.shotclock.admin;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The API's JSON: snake_case fields, ISO-8601 instants, bounded input. */
public final class Json {

  /** Request bodies beyond these bounds are refused before they cost anything. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private Json() {}

  public static ObjectMapper mapper() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(32).maxStringLength(MAX_BODY_BYTES).maxNumberLength(32).build())
        .build();
    return new ObjectMapper(factory)
        .registerModule(new JavaTimeModule())
        .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  }
}
