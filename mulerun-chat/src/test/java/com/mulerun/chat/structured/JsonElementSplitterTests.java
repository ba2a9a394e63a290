package com.mulerun.chat.structured;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JsonElementSplitter}.
 */
class JsonElementSplitterTests {

	private static final String LIST = "{\"items\": [ {\"name\":\"a}b\",\"tags\":[\"x\",\"]\"]} , {\"name\":\"q\\\"{\"},"
			+ "{\"nested\":{\"deep\":[1,2]}} ]}";

	@Test
	void elementsCompleteAtTheSamePointsWhateverTheChunkSize() {
		for (int size = 1; size <= LIST.length(); size++) {
			assertThat(feedInPieces(LIST, size)).as("pieces of %d", size)
				.containsExactly("{\"name\":\"a}b\",\"tags\":[\"x\",\"]\"]}", "{\"name\":\"q\\\"{\"}",
						"{\"nested\":{\"deep\":[1,2]}}");
		}
	}

	@Test
	void eachElementIsHandedOutByThePieceThatCompletesIt() {
		JsonElementSplitter splitter = new JsonElementSplitter();
		assertThat(splitter.feed("{\"items\":[{\"a\":1},{\"a\"")).containsExactly("{\"a\":1}");
		assertThat(splitter.feed(":2")).isEmpty();
		assertThat(splitter.feed("}")).containsExactly("{\"a\":2}");
		assertThat(splitter.isComplete()).isFalse();
		assertThat(splitter.feed("]}")).isEmpty();
		assertThat(splitter.isComplete()).isTrue();
	}

	@Test
	void scalarElementsEndAtACommaOrTheClosingBracket() {
		assertThat(feedInPieces("{\"items\":[\"a,b\", 2 ,true,null]}", 3)).containsExactly("\"a,b\"", "2", "true",
				"null");
	}

	@Test
	void proseAndAFenceBeforeTheRootObjectAndTextAfterItAreIgnored() {
		JsonElementSplitter splitter = new JsonElementSplitter();
		List<String> elements = new ArrayList<>(splitter.feed("Here you are:\n```json\n{\"items\":[{\"a\":1}]}\n```"));
		elements.addAll(splitter.feed(" and {\"items\":[{\"b\":2}]}"));
		assertThat(elements).containsExactly("{\"a\":1}");
		assertThat(splitter.isComplete()).isTrue();
	}

	@Test
	void anEmptyListCompletesWithNoElement() {
		JsonElementSplitter splitter = new JsonElementSplitter();
		assertThat(splitter.feed("{\"items\":[ ]}")).isEmpty();
		assertThat(splitter.isComplete()).isTrue();
	}

	@Test
	void aStreamThatStopsInsideTheListIsNotComplete() {
		JsonElementSplitter splitter = new JsonElementSplitter();
		splitter.feed("{\"items\":[{\"a\":1},{\"a\":");
		assertThat(splitter.hasStarted()).isTrue();
		assertThat(splitter.isComplete()).isFalse();
	}

	private static List<String> feedInPieces(String text, int size) {
		JsonElementSplitter splitter = new JsonElementSplitter();
		List<String> elements = new ArrayList<>();
		for (int start = 0; start < text.length(); start += size) {
			elements.addAll(splitter.feed(text.substring(start, Math.min(text.length(), start + size))));
		}
		assertThat(splitter.isComplete()).isTrue();
		return elements;
	}

}
