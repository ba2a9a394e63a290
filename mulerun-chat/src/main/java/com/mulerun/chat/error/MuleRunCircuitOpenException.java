package com.mulerun.chat.error;

/**
 * A call was not sent to a model because that model's circuit breaker is open: it failed
 * repeatedly and is skipped for a cool-down. Only thrown when the circuit breaking of the
 * template is switched on.
 */
public class MuleRunCircuitOpenException extends MuleRunException {

	private static final long serialVersionUID = 1L;

	private final String model;

	/**
	 * Creates the exception.
	 * @param model the model that was skipped
	 */
	public MuleRunCircuitOpenException(String model) {
		super("Model " + model + " was not called: its circuit breaker is open after repeated failures");
		this.model = model;
	}

	/**
	 * Returns the model that was skipped.
	 * @return the model id
	 */
	public String model() {
		return this.model;
	}

}
