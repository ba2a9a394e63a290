package com.mulerun.chat.structured;

import com.mulerun.chat.model.ChatModels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StructuredOutputMode}.
 */
class StructuredOutputModeTests {

	@Test
	void everySupportedModelGetsTheModeOfItsFamily() {
		for (String model : ChatModels.ALL) {
			StructuredOutputMode expected = model.startsWith("claude") ? StructuredOutputMode.TOOL_CALL
					: StructuredOutputMode.JSON_SCHEMA;
			assertThat(StructuredOutputMode.forModel(model)).as(model).isEqualTo(expected);
		}
	}

	@Test
	void providerPrefixesDatedVariantsAndCaseAreRecognised() {
		assertThat(StructuredOutputMode.forModel("anthropic/claude-sonnet-4-5-20250929"))
			.isEqualTo(StructuredOutputMode.TOOL_CALL);
		assertThat(StructuredOutputMode.forModel("openai/GPT-4.1-2025-04-14"))
			.isEqualTo(StructuredOutputMode.JSON_SCHEMA);
		assertThat(StructuredOutputMode.forModel("o4-mini")).isEqualTo(StructuredOutputMode.JSON_SCHEMA);
		assertThat(StructuredOutputMode.forModel("google/gemini-2.5-pro")).isEqualTo(StructuredOutputMode.JSON_SCHEMA);
	}

	@Test
	void anyOtherModelGetsJsonModeAsTheLastResort() {
		assertThat(StructuredOutputMode.forModel("llama-3.3-70b")).isEqualTo(StructuredOutputMode.JSON_OBJECT);
		assertThat(StructuredOutputMode.forModel("omni")).isEqualTo(StructuredOutputMode.JSON_OBJECT);
	}

	@Test
	void onlyAutoIsResolved() {
		assertThat(StructuredOutputMode.AUTO.resolve(ChatModels.CLAUDE_OPUS_4_1))
			.isEqualTo(StructuredOutputMode.TOOL_CALL);
		assertThat(StructuredOutputMode.JSON_OBJECT.resolve(ChatModels.GPT_5))
			.isEqualTo(StructuredOutputMode.JSON_OBJECT);
	}

}
