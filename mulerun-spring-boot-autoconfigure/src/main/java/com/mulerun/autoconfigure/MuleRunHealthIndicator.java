package com.mulerun.autoconfigure;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports the health of the MuleRun client from the outcome of the application's own
 * recent calls, never making one: {@code DOWN} when the most recent call was rejected for
 * its API key (HTTP 401), {@code DEGRADED} when a model failed
 * {@value ModelOutcomes#DEGRADED_AFTER} or more times in a row (after its retries),
 * {@code UP} otherwise (also before any call). The details list each model's status,
 * consecutive failures, last success, last failure and the kind of the last error.
 */
final class MuleRunHealthIndicator implements HealthIndicator {

	/** The status of a client some of whose models keep failing. */
	static final Status DEGRADED = new Status("DEGRADED", "A model failed repeatedly");

	private final ModelOutcomes outcomes;

	MuleRunHealthIndicator(ModelOutcomes outcomes) {
		this.outcomes = outcomes;
	}

	@Override
	public Health health() {
		Status status = this.outcomes.keyRejected() ? Status.DOWN : this.outcomes.anyDegraded() ? DEGRADED : Status.UP;
		Health.Builder builder = Health.status(status).withDetail("models", this.outcomes.details());
		if (this.outcomes.keyRejected()) {
			builder.withDetail("reason", "The API key was rejected (HTTP 401)");
		}
		return builder.build();
	}

}
