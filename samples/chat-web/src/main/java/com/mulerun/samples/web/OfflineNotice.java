package com.mulerun.samples.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says once, when the application is ready, that the answers come from the built-in mock server.
 */
@Component
public class OfflineNotice {

	private static final Logger logger = LoggerFactory.getLogger(OfflineNotice.class);

	private final Environment environment;

	/**
	 * Creates the notice.
	 * @param environment the environment, which tells whether the answers come from the offline mock
	 */
	public OfflineNotice(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Logs the offline line when the application is offline.
	 */
	@EventListener(ApplicationReadyEvent.class)
	public void announce() {
		String reason = this.environment.getProperty(OfflineFallback.REASON_PROPERTY);
		if (reason != null) {
			logger.warn("[offline] {}: answering from the built-in mock server at {}", reason,
					this.environment.getProperty("mulerun.base-url"));
		}
	}

}
