package com.mulerun.chat.stream;

import com.mulerun.chat.model.FunctionCall;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The deprecated {@code function_call} of one choice, merged from its fragments: the
 * first name wins, the arguments are concatenated.
 */
final class FunctionCallState {

	private @Nullable String name;

	private final StringBuilder arguments = new StringBuilder();

	private final Map<String, Object> extra = new LinkedHashMap<>();

	void add(FunctionCall fragment) {
		if (Fragments.isEmpty(this.name) && !Fragments.isEmpty(fragment.name())) {
			this.name = fragment.name();
		}
		if (fragment.arguments() != null) {
			this.arguments.append(fragment.arguments());
		}
		Fragments.putAllNotNull(this.extra, fragment.extra());
	}

	FunctionCall build() {
		return new FunctionCall(this.name, this.arguments.toString(), this.extra);
	}

}
