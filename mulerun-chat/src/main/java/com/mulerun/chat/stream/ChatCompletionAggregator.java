package com.mulerun.chat.stream;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.Choice;
import com.mulerun.chat.model.ChunkChoice;
import com.mulerun.chat.model.FinishReason;
import com.mulerun.chat.model.ServiceTier;
import com.mulerun.chat.model.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Merges the chunks of a streamed chat completion into the {@link ChatCompletion} a
 * non-streaming call would have returned.
 *
 * <p>
 * Feed every chunk in order to {@link #add(ChatCompletionChunk)}; {@link #result()} may
 * be called at any time and returns the aggregate so far (after a cancel, for example).
 * Text is collected in one {@link StringBuilder} per choice and field (a text that
 * arrives in one piece is kept as that string, without a copy), and records are only
 * built by {@link #result()}, so adding a chunk costs time proportional to the chunk, not
 * to the stream.
 *
 * <p>
 * The rules follow what real gateways send:
 * <ul>
 * <li>{@code id}, {@code model}, {@code created}, {@code service_tier} and
 * {@code system_fingerprint}: the first non-empty value wins ({@code created} 0, as in
 * Azure's prompt-filter prelude, counts as empty). Unknown top-level fields are merged
 * into the result's {@code extra} (last wins), except {@code error}.</li>
 * <li>Choices are grouped by {@code index} (0 when missing) and listed by index. Content,
 * refusal, {@code reasoning_content} and {@code reasoning} are concatenated; a text field
 * that received no non-empty text is {@code null}, as in a non-streaming response.
 * Content parts other than text are kept, after a text part holding the joined text.
 * {@code reasoning_details} are merged by their {@code index}, {@code images} are
 * collected, {@code annotations} appended, log probabilities appended.</li>
 * <li>Tool call fragments are routed by {@code index}, else by {@code id}, else by
 * {@code function.name}, else to the most recent call; {@code id}, {@code type} and the
 * name are set once (first non-empty value) and only the arguments (or custom input) are
 * concatenated, as raw text. A fragment with a new id and a name at an index whose call
 * already has a name starts a new call at that index.</li>
 * <li>{@code usage}: the last non-null value wins; usages are never added.</li>
 * <li>{@code finish_reason}: the last non-null value per choice. A raw {@code stop} of a
 * choice with tool calls (Gemini) becomes {@link FinishReason#TOOL_CALLS}, with the raw
 * value kept as {@link FinishReason#providerValue()}, the same rule as for a completion
 * read whole. Unknown choice-level fields are merged into the choice's {@code extra}
 * (last wins).</li>
 * </ul>
 * Unknown fields whose value is {@code null} never replace a value received earlier.
 *
 * <p>
 * Not thread-safe: use one aggregator per stream.
 */
public final class ChatCompletionAggregator {

	private static final String OBJECT = "chat.completion";

	private @Nullable String id;

	private @Nullable String model;

	private @Nullable Long created;

	private @Nullable ServiceTier serviceTier;

	private @Nullable String systemFingerprint;

	private @Nullable Usage usage;

	private final Map<String, Object> extra = new LinkedHashMap<>();

	private final TreeMap<Integer, ChoiceState> choices = new TreeMap<>();

	/** Adds an unknown property of a chunk; created once, not per chunk. */
	private final BiConsumer<String, @Nullable Object> extraSink = this::putExtra;

	private int chunkCount;

	/**
	 * Creates an empty aggregator.
	 */
	public ChatCompletionAggregator() {
	}

	/**
	 * Aggregates a stream of chunks into one completion, emitted when the stream
	 * completes.
	 * <p>
	 * Each subscription uses its own aggregator; an empty stream yields a completion
	 * without choices, and an error of the stream is propagated.
	 * @param chunks the chunks of one streamed completion
	 * @return the aggregated completion
	 */
	public static Mono<ChatCompletion> aggregate(Flux<ChatCompletionChunk> chunks) {
		return chunks.collect(ChatCompletionAggregator::new, ChatCompletionAggregator::add)
			.map(ChatCompletionAggregator::result);
	}

	/**
	 * Adds the next chunk of the stream.
	 * @param chunk the chunk
	 */
	public void add(ChatCompletionChunk chunk) {
		this.chunkCount++;
		if (Fragments.isEmpty(this.id) && !Fragments.isEmpty(chunk.id())) {
			this.id = chunk.id();
		}
		if (Fragments.isEmpty(this.model) && !Fragments.isEmpty(chunk.model())) {
			this.model = chunk.model();
		}
		if ((this.created == null || this.created == 0L) && chunk.created() != null && chunk.created() != 0L) {
			this.created = chunk.created();
		}
		if (this.serviceTier == null && chunk.serviceTier() != null && !chunk.serviceTier().value().isEmpty()) {
			this.serviceTier = chunk.serviceTier();
		}
		if (Fragments.isEmpty(this.systemFingerprint) && !Fragments.isEmpty(chunk.systemFingerprint())) {
			this.systemFingerprint = chunk.systemFingerprint();
		}
		if (chunk.usage() != null) {
			this.usage = chunk.usage();
		}
		Map<String, Object> extra = chunk.extra();
		if (!extra.isEmpty()) {
			// forEach: iterating the entry set of the singleton map most chunks carry
			// allocates a set, an iterator and an entry per chunk
			extra.forEach(this.extraSink);
		}
		List<ChunkChoice> chunkChoices = chunk.choices();
		if (chunkChoices != null) {
			// by index: no iterator per chunk
			for (int i = 0; i < chunkChoices.size(); i++) {
				ChunkChoice choice = chunkChoices.get(i);
				if (choice != null) {
					this.choices.computeIfAbsent(choice.indexOrZero(), ChoiceState::new).add(choice);
				}
			}
		}
	}

	private void putExtra(String name, @Nullable Object value) {
		if (!"error".equals(name)) {
			Fragments.putIfNotNull(this.extra, name, value);
		}
	}

	/**
	 * Returns the number of chunks added so far.
	 * @return the number of chunks
	 */
	public int chunkCount() {
		return this.chunkCount;
	}

	/**
	 * Returns whether at least one choice was seen and every choice seen has a finish
	 * reason.
	 * <p>
	 * A result that is not complete may hold partial tool calls whose arguments were cut
	 * off: they must not be executed.
	 * @return {@code true} when every choice has finished
	 */
	public boolean isComplete() {
		if (this.choices.isEmpty()) {
			return false;
		}
		for (ChoiceState choice : this.choices.values()) {
			if (choice.finishReason() == null) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns the last usage seen so far, or {@code null} when no chunk carried one.
	 * @return the usage
	 */
	public @Nullable Usage usage() {
		return this.usage;
	}

	/**
	 * Returns whether any choice has collected at least one tool call.
	 * @return {@code true} when the model called tools
	 */
	public boolean hasToolCalls() {
		for (ChoiceState choice : this.choices.values()) {
			if (choice.hasToolCalls()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the completion aggregated from the chunks added so far; the choices are
	 * sorted by index.
	 * <p>
	 * May be called at any time, also before the stream ended: partial tool calls are
	 * then included as they are (see {@link #isComplete()}).
	 * @return the completion, with {@code object} {@code chat.completion}
	 */
	public ChatCompletion result() {
		List<Choice> result = new ArrayList<>(this.choices.size());
		for (ChoiceState choice : this.choices.values()) {
			result.add(choice.build());
		}
		return new ChatCompletion(this.id, OBJECT, this.created, this.model, result, this.usage, this.serviceTier,
				this.systemFingerprint, this.extra);
	}

}
