package com.mulerun.chat.stream;

import com.mulerun.chat.model.CustomToolCall;
import com.mulerun.chat.model.FunctionCall;
import com.mulerun.chat.model.FunctionToolCall;
import com.mulerun.chat.model.ToolCall;
import com.mulerun.chat.model.ToolCallDelta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The tool calls of one choice, merged from their fragments.
 *
 * <p>
 * A fragment is routed by {@code index}, else by {@code id}, else by
 * {@code function.name}, else to the most recent call; a fragment with a new id and a
 * name at an index whose call already has a name starts a new call at that index.
 * {@code id}, {@code type} and the name are set once (first non-empty value) and only the
 * arguments (or custom input) are concatenated, as raw text.
 */
final class ToolCallMerger {

	private final List<ToolCallState> toolCalls = new ArrayList<>();

	private final Map<Integer, ToolCallState> toolCallsByIndex = new HashMap<>();

	private final Map<String, ToolCallState> toolCallsById = new HashMap<>();

	private @Nullable ToolCallState lastToolCall;

	void addAll(List<ToolCallDelta> fragments) {
		for (ToolCallDelta fragment : fragments) {
			if (fragment != null) {
				add(fragment);
			}
		}
	}

	boolean isEmpty() {
		return this.toolCalls.isEmpty();
	}

	private void add(ToolCallDelta fragment) {
		ToolCallState call = route(fragment);
		if (call != null) {
			call.add(fragment);
			if (!Fragments.isEmpty(call.id)) {
				this.toolCallsById.putIfAbsent(call.id, call);
			}
			this.lastToolCall = call;
		}
	}

	private @Nullable ToolCallState route(ToolCallDelta fragment) {
		String id = Fragments.isEmpty(fragment.id()) ? null : fragment.id();
		String name = nameOf(fragment);
		Integer index = fragment.index();
		if (index != null) {
			ToolCallState current = this.toolCallsByIndex.get(index);
			if (current != null && (id == null || id.equals(current.id) || name == null || current.name == null)) {
				return current;
			}
			ToolCallState selected = (id != null) ? this.toolCallsById.get(id) : null;
			if (selected == null) {
				if (current == null && carriesNothing(fragment)) {
					return null;
				}
				selected = newToolCall();
			}
			this.toolCallsByIndex.put(index, selected);
			return selected;
		}
		if (id != null) {
			ToolCallState selected = this.toolCallsById.get(id);
			return (selected != null) ? selected : newToolCall();
		}
		ToolCallState last = this.lastToolCall;
		if (name != null) {
			return (last != null && last.name == null) ? last : newToolCall();
		}
		if (last != null) {
			return last;
		}
		return carriesNothing(fragment) ? null : newToolCall();
	}

	private ToolCallState newToolCall() {
		ToolCallState call = new ToolCallState();
		this.toolCalls.add(call);
		return call;
	}

	private static @Nullable String nameOf(ToolCallDelta fragment) {
		if (fragment.function() != null && !Fragments.isEmpty(fragment.function().name())) {
			return fragment.function().name();
		}
		if (fragment.custom() != null && !Fragments.isEmpty(fragment.custom().name())) {
			return fragment.custom().name();
		}
		return null;
	}

	private static boolean carriesNothing(ToolCallDelta fragment) {
		FunctionCall function = fragment.function();
		CustomToolCall.CustomCall custom = fragment.custom();
		return Fragments.isEmpty(fragment.id()) && nameOf(fragment) == null
				&& (function == null || Fragments.isEmpty(function.arguments()))
				&& (custom == null || Fragments.isEmpty(custom.input())) && fragment.extra().isEmpty();
	}

	List<ToolCall> build() {
		List<ToolCall> calls = new ArrayList<>(this.toolCalls.size());
		for (ToolCallState call : this.toolCalls) {
			calls.add(call.build());
		}
		return calls;
	}

	/**
	 * The state of one tool call.
	 */
	private static final class ToolCallState {

		private @Nullable String id;

		private @Nullable String type;

		private @Nullable String name;

		private final StringBuilder arguments = new StringBuilder();

		private boolean custom;

		private final Map<String, Object> extra = new LinkedHashMap<>();

		private final Map<String, Object> functionExtra = new LinkedHashMap<>();

		void add(ToolCallDelta fragment) {
			if (Fragments.isEmpty(this.id) && fragment.id() != null) {
				this.id = fragment.id();
			}
			if (Fragments.isEmpty(this.type) && fragment.type() != null) {
				this.type = fragment.type();
				this.custom |= "custom".equals(fragment.type());
			}
			FunctionCall function = fragment.function();
			if (function != null) {
				if (Fragments.isEmpty(this.name) && function.name() != null) {
					this.name = function.name();
				}
				if (function.arguments() != null) {
					this.arguments.append(function.arguments());
				}
				Fragments.putAllNotNull(this.functionExtra, function.extra());
			}
			CustomToolCall.CustomCall customCall = fragment.custom();
			if (customCall != null) {
				this.custom = true;
				if (Fragments.isEmpty(this.name) && customCall.name() != null) {
					this.name = customCall.name();
				}
				if (customCall.input() != null) {
					this.arguments.append(customCall.input());
				}
				Fragments.putAllNotNull(this.functionExtra, customCall.extra());
			}
			Fragments.putAllNotNull(this.extra, fragment.extra());
		}

		ToolCall build() {
			if (this.custom) {
				return new CustomToolCall(this.id,
						new CustomToolCall.CustomCall(this.name, this.arguments.toString(), this.functionExtra),
						this.extra);
			}
			return new FunctionToolCall(this.id,
					new FunctionCall(this.name, this.arguments.toString(), this.functionExtra), this.extra);
		}

	}

}
