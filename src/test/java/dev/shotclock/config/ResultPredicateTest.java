package dev.shotclock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shotclock.config.ResultPredicate.Evaluation;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ResultPredicateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Evaluation evaluate(String predicate, String json) {
    try {
      return ResultPredicate.parse(predicate).evaluate(JSON.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ResultPredicate.SyntaxError syntaxError(String predicate) {
    ResultPredicate.SyntaxError error =
        catchThrowableOfType(
            ResultPredicate.SyntaxError.class, () -> ResultPredicate.parse(predicate));
    assertThat(error).as("parse error for %s", predicate).isNotNull();
    return error;
  }

  @Nested
  class Evaluating {

    @Test
    void a_ratio_within_the_limit_passes_and_shows_its_value() {
      assertThat(evaluate("errors / items <= 0.1", "{\"errors\": 1, \"items\": 10}"))
          .isEqualTo(new Evaluation(true, "errors / items = 0.1, which is <= 0.1"));
    }

    @Test
    void a_ratio_over_the_limit_fails_and_shows_its_value() {
      assertThat(evaluate("errors / items <= 0.1", "{\"errors\": 25, \"items\": 100}"))
          .isEqualTo(new Evaluation(false, "errors / items = 0.25, not <= 0.1"));
    }

    @Test
    void arithmetic_is_decimal_so_three_tenths_are_three_tenths() {
      assertThat(evaluate("x * 0.1 <= 0.3", "{\"x\": 3}").passed()).isTrue();
      assertThat(evaluate("x * 0.1 == 0.3", "{\"x\": 3}").passed()).isTrue();
    }

    @Test
    void and_reports_the_condition_that_failed() {
      assertThat(evaluate("items > 0 and errors == 0", "{\"items\": 5, \"errors\": 3}"))
          .isEqualTo(new Evaluation(false, "errors = 3, not == 0"));
    }

    @Test
    void and_stops_at_the_first_false_condition() {
      assertThat(evaluate("items > 0 and errors / items < 0.5", "{\"items\": 0, \"errors\": 0}"))
          .isEqualTo(new Evaluation(false, "items = 0, not > 0"));
    }

    @Test
    void and_reports_every_condition_when_all_hold() {
      assertThat(evaluate("items > 0 and errors == 0", "{\"items\": 5, \"errors\": 0}"))
          .isEqualTo(new Evaluation(true, "items = 5, which is > 0; errors = 0, which is == 0"));
    }

    @Test
    void or_with_not_over_nested_fields() {
      String predicate = "summary.failed < 3 or not strict";
      assertThat(evaluate(predicate, "{\"summary\": {\"failed\": 5}, \"strict\": true}"))
          .isEqualTo(new Evaluation(false, "summary.failed = 5, not < 3; strict = true"));
      assertThat(evaluate(predicate, "{\"summary\": {\"failed\": 5}, \"strict\": false}"))
          .isEqualTo(new Evaluation(true, "strict = false"));
      assertThat(evaluate(predicate, "{\"summary\": {\"failed\": 1}, \"strict\": true}"))
          .isEqualTo(new Evaluation(true, "summary.failed = 1, which is < 3"));
    }

    @Test
    void multiplication_binds_tighter_than_addition_and_parentheses_override() {
      assertThat(evaluate("1 + 2 * x == 7", "{\"x\": 3}").passed()).isTrue();
      assertThat(evaluate("(1 + 2) * x == 9", "{\"x\": 3}").passed()).isTrue();
      assertThat(evaluate("x - 1 - 1 == 1", "{\"x\": 3}").passed()).isTrue();
      assertThat(evaluate("-x < 0", "{\"x\": 3}").passed()).isTrue();
    }

    @Test
    void not_binds_tighter_than_and_and_and_tighter_than_or() {
      assertThat(evaluate("not a and b", "{\"a\": true, \"b\": true}").passed()).isFalse();
      assertThat(evaluate("a or b and c", "{\"a\": true, \"b\": false, \"c\": false}").passed())
          .isTrue();
    }

    @Test
    void booleans_compare_with_booleans() {
      assertThat(evaluate("ok == true", "{\"ok\": true}").passed()).isTrue();
      assertThat(evaluate("ok != true", "{\"ok\": true}").passed()).isFalse();
      assertThat(evaluate("ok", "{\"ok\": true}")).isEqualTo(new Evaluation(true, "ok = true"));
    }

    @Test
    void a_missing_field_fails_and_names_it() {
      assertThat(evaluate("errors / items <= 0.1", "{\"errors\": 1}"))
          .isEqualTo(new Evaluation(false, "field 'items' is missing from the result"));
      assertThat(evaluate("summary.failed < 3", "{\"summary\": {}}"))
          .isEqualTo(new Evaluation(false, "field 'summary.failed' is missing from the result"));
    }

    @Test
    void a_path_through_a_non_object_fails() {
      assertThat(evaluate("summary.failed < 3", "{\"summary\": 4}"))
          .isEqualTo(new Evaluation(false, "field 'summary' is not an object"));
    }

    @Test
    void a_string_where_a_number_belongs_fails() {
      assertThat(evaluate("items > 0", "{\"items\": \"many\"}"))
          .isEqualTo(
              new Evaluation(
                  false, "field 'items' is \"many\" (string), not a number or true/false"));
    }

    @Test
    void a_boolean_where_a_number_belongs_fails() {
      assertThat(evaluate("flag > 0", "{\"flag\": true}"))
          .isEqualTo(new Evaluation(false, "flag = true is true/false, not a number"));
    }

    @Test
    void a_number_where_a_condition_belongs_fails() {
      assertThat(evaluate("not count", "{\"count\": 2}"))
          .isEqualTo(new Evaluation(false, "count = 2 is a number, not true/false"));
    }

    @Test
    void comparing_a_number_with_a_boolean_fails() {
      assertThat(evaluate("a == b", "{\"a\": 1, \"b\": true}"))
          .isEqualTo(new Evaluation(false, "cannot compare a = 1 with b = true"));
    }

    @Test
    void division_by_zero_fails_and_shows_the_divisor() {
      assertThat(evaluate("errors / items <= 0.1", "{\"errors\": 0, \"items\": 0}"))
          .isEqualTo(new Evaluation(false, "errors / items: division by zero (items = 0)"));
    }

    @Test
    void a_result_that_is_not_an_object_fails() {
      assertThat(evaluate("a > 1", "[1, 2]"))
          .isEqualTo(new Evaluation(false, "the result is not a JSON object"));
      assertThat(ResultPredicate.parse("a > 1").evaluate(null).passed()).isFalse();
    }
  }

  @Nested
  class Parsing {

    @Test
    void source_is_the_text_as_written() {
      assertThat(ResultPredicate.parse("errors / items <= 0.1").source())
          .isEqualTo("errors / items <= 0.1");
    }

    @Test
    void predicates_with_the_same_text_are_equal() {
      assertThat(ResultPredicate.parse("a > 1"))
          .isEqualTo(ResultPredicate.parse("a > 1"))
          .isNotEqualTo(ResultPredicate.parse("a > 2"));
    }

    @Test
    void a_missing_operand_is_reported_at_the_end() {
      ResultPredicate.SyntaxError error = syntaxError("errors / items <=");
      assertThat(error.position()).isEqualTo(18);
      assertThat(error)
          .hasMessage(
              "invalid predicate at position 18: expected a number, a field, true,"
                  + " false or '(', found the end");
    }

    @Test
    void operators_from_other_languages_point_to_ours() {
      assertThat(syntaxError("items > 0 && ok"))
          .hasMessage("invalid predicate at position 11: use 'and' instead of '&&'");
      assertThat(syntaxError("a || b"))
          .hasMessage("invalid predicate at position 3: use 'or' instead of '||'");
      assertThat(syntaxError("a = 1"))
          .hasMessage("invalid predicate at position 3: use '==' to compare");
      assertThat(syntaxError("!ok"))
          .hasMessage("invalid predicate at position 1: use 'not' instead of '!'");
    }

    @Test
    void an_unknown_character_is_reported_where_it_is() {
      assertThat(syntaxError("a $ b").position()).isEqualTo(3);
    }

    @Test
    void an_unclosed_parenthesis_names_where_it_opened() {
      assertThat(syntaxError("(a > 1 and b"))
          .hasMessage(
              "invalid predicate at position 13: expected ')' to close the '(' at position 1, found"
                  + " the end");
    }

    @Test
    void comparisons_cannot_be_chained() {
      assertThat(syntaxError("0 < x < 9"))
          .hasMessage(
              "invalid predicate at position 7: comparisons cannot be chained; join them with"
                  + " 'and'");
    }

    @Test
    void a_predicate_must_be_a_condition() {
      assertThat(syntaxError("errors / items"))
          .hasMessage(
              "invalid predicate at position 1: the predicate must be a condition such as 'errors /"
                  + " items <= 0.1', but 'errors / items' is a number");
    }

    @Test
    void literal_types_are_checked_when_parsing() {
      assertThat(syntaxError("1 and ok"))
          .hasMessage(
              "invalid predicate at position 3: 'and' needs true/false, but '1' is a number");
      assertThat(syntaxError("x + (a > 1) > 2"))
          .hasMessage(
              "invalid predicate at position 3: '+' needs a number, but 'a > 1' is true/false");
      assertThat(syntaxError("true == 1"))
          .hasMessage("invalid predicate at position 6: '==' compares true/false with a number");
    }

    @Test
    void trailing_text_is_reported() {
      assertThat(syntaxError("a > 1 b"))
          .hasMessage(
              "invalid predicate at position 7: expected 'and', 'or', an operator or the end, found"
                  + " 'b'");
    }

    @Test
    void an_empty_predicate_is_reported() {
      assertThat(syntaxError("  "))
          .hasMessage("invalid predicate at position 1: the predicate is empty");
    }

    @Test
    void keywords_are_not_fields_but_may_be_inside_a_path() {
      assertThat(syntaxError("and > 1").position()).isEqualTo(1);
      assertThat(evaluate("flags.not", "{\"flags\": {\"not\": true}}").passed()).isTrue();
    }
  }
}
