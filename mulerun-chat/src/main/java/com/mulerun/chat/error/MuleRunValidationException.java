package com.mulerun.chat.error;

import java.util.List;

/**
 * A request that failed client-side validation before it was sent; never retryable.
 */
public class MuleRunValidationException extends MuleRunException {

	private static final long serialVersionUID = 1L;

	private final List<Violation> violations;

	/**
	 * Creates an exception listing every violation.
	 * @param violations what is wrong with the request
	 */
	public MuleRunValidationException(List<Violation> violations) {
		super(buildMessage(violations));
		this.violations = List.copyOf(violations);
	}

	private static String buildMessage(List<Violation> violations) {
		int count = violations.size();
		StringBuilder message = new StringBuilder("Invalid chat completion request (").append(count)
			.append((count == 1) ? " violation)" : " violations)");
		if (count > 0) {
			message.append(':');
		}
		for (Violation violation : violations) {
			message.append("\n - ").append(violation.path()).append(": ").append(ErrorTexts.scrub(violation.message()));
		}
		return message.toString();
	}

	/**
	 * Returns what is wrong with the request, in the order found.
	 * @return an immutable list of violations
	 */
	public List<Violation> violations() {
		return this.violations;
	}

	/**
	 * One problem with a request.
	 *
	 * @param path where in the request, such as {@code messages[2].content}
	 * @param message what is wrong, such as {@code must not be empty}
	 */
	public record Violation(String path, String message) {

	}

}
