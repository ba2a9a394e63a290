package com.mulerun.chat.model;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the builder of {@link ChatCompletionRequest}, which keeps the request's
 * values by component index, sets, copies and merges every component.
 */
class ChatCompletionRequestBuilderTests {

	private final ChatCompletionRequest full = read("/model/request-full.json");

	@Test
	void everyComponentHasASetterThatSetsIt() throws Exception {
		for (RecordComponent component : ChatCompletionRequest.class.getRecordComponents()) {
			if (component.getName().equals("extra")) {
				continue;
			}
			Object value = component.getAccessor().invoke(this.full);
			assertThat(value).as(component.getName()).isNotNull();
			Method setter = setter(component);
			ChatCompletionRequest.Builder builder = ChatCompletionRequest.builder();
			setter.invoke(builder, value);
			ChatCompletionRequest built = builder.build();
			for (RecordComponent other : ChatCompletionRequest.class.getRecordComponents()) {
				Object otherValue = other.getAccessor().invoke(built);
				if (other.getName().equals(component.getName())) {
					assertThat(otherValue).as(component.getName()).isEqualTo(value);
				}
				else if (!other.getName().equals("extra")) {
					assertThat(otherValue).as(other.getName() + " after setting " + component.getName()).isNull();
				}
			}
		}
	}

	@Test
	void mutateGivesAnEqualRequestWhoseBuilderDoesNotChangeTheOriginal() {
		ChatCompletionRequest copy = this.full.mutate().build();
		assertThat(copy).isEqualTo(this.full);
		ChatCompletionRequest changed = this.full.mutate()
			.userMessage("one more")
			.tool(this.full.tools().get(0))
			.metadata("k", "v")
			.extra("x_more", 1)
			.build();
		assertThat(changed.messages()).hasSize(this.full.messages().size() + 1);
		assertThat(changed.tools()).hasSize(this.full.tools().size() + 1);
		assertThat(changed.metadata()).containsEntry("k", "v");
		assertThat(changed.extra()).containsEntry("x_more", 1);
		assertThat(this.full).isEqualTo(read("/model/request-full.json"));
	}

	@Test
	void withDefaultsFillsWhatTheRequestLeavesOutAndMergesMessagesMetadataAndExtra() {
		ChatCompletionRequest defaults = ChatCompletionRequest.builder()
			.model("gpt-5-mini")
			.temperature(0.2)
			.systemMessage("Be brief")
			.metadata("team", "search")
			.extra("x_default", true)
			.build();
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.temperature(0.9)
			.userMessage("Hi")
			.metadata("user", "u1")
			.extra("x_request", 2)
			.build();
		ChatCompletionRequest merged = request.withDefaults(defaults);
		assertThat(merged.model()).isEqualTo("gpt-5-mini");
		assertThat(merged.temperature()).isEqualTo(0.9);
		assertThat(merged.messages()).extracting(ChatMessage::role).containsExactly(Role.SYSTEM, Role.USER);
		assertThat(merged.metadata()).containsExactly(Map.entry("team", "search"), Map.entry("user", "u1"));
		assertThat(merged.extra()).containsEntry("x_default", true).containsEntry("x_request", 2);
		assertThat(request.withDefaults(ChatCompletionRequest.EMPTY)).isSameAs(request);
	}

	private static Method setter(RecordComponent component) {
		List<Method> candidates = Arrays.stream(ChatCompletionRequest.Builder.class.getMethods())
			.filter((method) -> method.getName().equals(component.getName()) && method.getParameterCount() == 1
					&& method.getParameterTypes()[0].isAssignableFrom(component.getType()))
			.toList();
		assertThat(candidates).as(component.getName()).hasSize(1);
		return candidates.get(0);
	}

	private static ChatCompletionRequest read(String resource) {
		try (InputStream input = ChatCompletionRequestBuilderTests.class.getResourceAsStream(resource)) {
			return ChatJson.mapper().readValue(input, ChatCompletionRequest.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
