package com.mulerun.chat.structured;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.structured.SampleTypes.LineItem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AnswerReader}: tolerant reading, binding without a tree, and the
 * reasons of answers that do not bind.
 */
class AnswerReaderTests {

	private final CountingNodeFactory nodes = new CountingNodeFactory();

	private final List<Object> validated = new ArrayList<>();

	private final JsonMapper mapper = ChatJson.mapper()
		.rebuild()
		.nodeFactory(this.nodes)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
				DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
		.build();

	private final AnswerReader reader = new AnswerReader(this.mapper, (value) -> {
		this.validated.add(value);
		return (value instanceof LineItem item && item.quantity() < 0) ? List.of("quantity: must be positive")
				: List.of();
	});

	private final JavaType lineItem = this.mapper.constructType(LineItem.class);

	@Test
	void tolerantReadingFindsTheJsonInAFenceOrAfterProse() {
		assertThat(AnswerReader.extractJson("```\n{\"a\":\"}\"}\n```")).isEqualTo("{\"a\":\"}\"}");
		assertThat(AnswerReader.extractJson("Sure: {\"a\":{\"b\":[1]}} Hope it helps {x}"))
			.isEqualTo("{\"a\":{\"b\":[1]}}");
		assertThat(AnswerReader.extractJson("{\"a\":1")).isEqualTo("{\"a\":1");
		assertThat(AnswerReader.extractJson("no json")).isEqualTo("no json");
	}

	@Test
	void aValidAnswerIsBoundWithoutATreeAndValidated() {
		LineItem item = this.reader.read(" {\"sku\":\"A-1\",\"quantity\":2,\"price\":9.5}\n", this.lineItem, null,
				false);

		assertThat(item).isEqualTo(new LineItem("A-1", 2, 9.5));
		assertThat(this.nodes.created).hasValue(0);
		assertThat(this.validated).containsExactly(item);
	}

	@Test
	void aValidStreamedElementIsBoundWithoutATreeAndValidated() {
		LineItem item = this.reader.readElement("{\"sku\":\"A-1\",\"quantity\":2,\"price\":9.5}", this.lineItem, 3);

		assertThat(item).isEqualTo(new LineItem("A-1", 2, 9.5));
		assertThat(this.nodes.created).hasValue(0);
		assertThat(this.validated).containsExactly(item);
	}

	@Test
	void aWrappedAnswerIsReadFromItsProperty() {
		JavaType list = this.mapper.getTypeFactory().constructCollectionType(List.class, LineItem.class);

		List<LineItem> items = this.reader.read("{\"items\":[{\"sku\":\"A-1\",\"quantity\":2,\"price\":9.5}]}", list,
				"items", false);

		assertThat(items).containsExactly(new LineItem("A-1", 2, 9.5));
	}

	@Test
	void anAnswerThatDoesNotBindNamesThePropertyAndTheReason() {
		assertThatExceptionOfType(AnswerReader.InvalidAnswerException.class)
			.isThrownBy(() -> this.reader.read("{\"sku\":\"A-1\",\"quantity\":\"many\",\"price\":9.5}", this.lineItem,
					null, false))
			.satisfies((ex) -> assertThat(ex.reason()).startsWith("property '$.quantity' is invalid: "));
		assertThatExceptionOfType(AnswerReader.InvalidAnswerException.class)
			.isThrownBy(() -> this.reader.read("{\"sku\":\"A-1\",\"price\":9.5}", this.lineItem, null, false))
			.satisfies((ex) -> assertThat(ex.reason()).contains("quantity"));
		assertThatExceptionOfType(AnswerReader.InvalidAnswerException.class)
			.isThrownBy(() -> this.reader.readElement("{\"sku\":\"A-1\",\"quantity\":\"many\",\"price\":9.5}",
					this.lineItem, 2))
			.satisfies((ex) -> assertThat(ex.reason()).startsWith("property '$[2].quantity' is invalid: "));
		assertThat(this.validated).isEmpty();
	}

	@Test
	void anAnswerThatIsNotJsonEmptyOrNullSaysSo() {
		assertThatExceptionOfType(AnswerReader.InvalidAnswerException.class)
			.isThrownBy(() -> this.reader.read("{\"sku\":", this.lineItem, null, false))
			.satisfies((ex) -> assertThat(ex.reason()).startsWith("the answer is not valid JSON: "));
		assertThatExceptionOfType(AnswerReader.InvalidAnswerException.class)
			.isThrownBy(() -> this.reader.read("  ", this.lineItem, null, false))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("the answer is empty"));
		assertThatExceptionOfType(AnswerReader.InvalidAnswerException.class)
			.isThrownBy(() -> this.reader.read("null", this.lineItem, null, false))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("the value is null"));
		assertThatExceptionOfType(AnswerReader.InvalidAnswerException.class)
			.isThrownBy(() -> this.reader.read("{\"other\":[]}", this.lineItem, "items", false))
			.satisfies((ex) -> assertThat(ex.reason()).startsWith("property 'items' is missing"));
	}

	@Test
	void aBoundValueThatBreaksAConstraintIsRejected() {
		assertThatExceptionOfType(AnswerReader.InvalidAnswerException.class).isThrownBy(
				() -> this.reader.read("{\"sku\":\"A-1\",\"quantity\":-1,\"price\":9.5}", this.lineItem, null, false))
			.satisfies((ex) -> assertThat(ex.reason())
				.isEqualTo("the value breaks a constraint: quantity: must be positive"));
	}

	/**
	 * Counts the object nodes the mapper creates.
	 */
	private static final class CountingNodeFactory extends JsonNodeFactory {

		private static final long serialVersionUID = 1L;

		private final AtomicInteger created = new AtomicInteger();

		@Override
		public ObjectNode objectNode() {
			this.created.incrementAndGet();
			return super.objectNode();
		}

	}

}
