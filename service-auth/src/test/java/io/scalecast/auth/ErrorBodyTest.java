package io.scalecast.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.auth.error.RefusedException;
import io.scalecast.auth.rest.ErrorBody;
import io.scalecast.contracts.event.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one error body of every service: a field refusal as before, a batch item's with its index and violations. */
class ErrorBodyTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFieldRefusalNamesTheFieldAndNothingElse() throws Exception {
        RefusedException e = RefusedException.badField("tokens", "must be finite and > 0, was -5.0");
        assertThat(e.status()).isEqualTo(400);
        assertThat(json.writeValueAsString(ErrorBody.of(e)))
                .isEqualTo("{\"error\":\"tokens: must be finite and > 0, was -5.0\",\"field\":\"tokens\"}");
        assertThat(json.writeValueAsString(ErrorBody.of(RefusedException.notFound("no laws for family 'x'"))))
                .isEqualTo("{\"error\":\"no laws for family 'x'\",\"field\":null}");
    }

    @Test
    void aBatchItemsRefusalCarriesItsIndexAndEveryBadField() throws Exception {
        List<Violation> bad = List.of(new Violation("params", "is required"), new Violation("step", "must be >= 0"));
        RefusedException e = RefusedException.ofItem(400, 3, bad, "params: is required; step: must be >= 0");
        assertThat(e.getMessage()).isEqualTo("item 3: params: is required; step: must be >= 0");
        assertThat(json.writeValueAsString(ErrorBody.of(e))).isEqualTo("{\"error\":\"item 3: params: is required;"
                + " step: must be >= 0\",\"field\":\"params\",\"index\":3,\"violations\":[{\"field\":\"params\","
                + "\"message\":\"is required\"},{\"field\":\"step\",\"message\":\"must be >= 0\"}]}");
    }

    @Test
    void aRefusalInsideABodyNamesWhere() {
        RefusedException e = RefusedException.badField("tokens", "is required").at("queries[3]");
        assertThat(e.field()).isEqualTo("queries[3].tokens");
        assertThat(e.getMessage()).isEqualTo("queries[3].tokens: is required");
        assertThat(RefusedException.notFound("no family 'x'").at("queries[0]").getMessage())
                .isEqualTo("queries[0]: no family 'x'");
    }
}
