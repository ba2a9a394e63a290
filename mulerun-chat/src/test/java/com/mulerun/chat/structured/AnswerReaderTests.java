package com.mulerun.chat.structured;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AnswerReader}'s tolerant reading.
 */
class AnswerReaderTests {

	@Test
	void tolerantReadingFindsTheJsonInAFenceOrAfterProse() {
		assertThat(AnswerReader.extractJson("```\n{\"a\":\"}\"}\n```")).isEqualTo("{\"a\":\"}\"}");
		assertThat(AnswerReader.extractJson("Sure: {\"a\":{\"b\":[1]}} Hope it helps {x}"))
			.isEqualTo("{\"a\":{\"b\":[1]}}");
		assertThat(AnswerReader.extractJson("{\"a\":1")).isEqualTo("{\"a\":1");
		assertThat(AnswerReader.extractJson("no json")).isEqualTo("no json");
	}

}
