package com.mulerun.samples.web;

import com.mulerun.autoconfigure.MuleRunOffline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says once, when the application is ready, that the answers come from the starter's
 * offline mode.
 */
@Component
public class OfflineNotice {

	private static final Logger logger = LoggerFactory.getLogger(OfflineNotice.class);

	private final ObjectProvider<MuleRunOffline> offline;

	/**
	 * Creates the notice.
	 * @param offline present when the starter answers offline
	 */
	public OfflineNotice(ObjectProvider<MuleRunOffline> offline) {
		this.offline = offline;
	}

	/**
	 * Logs the offline line when the application answers offline.
	 */
	@EventListener(ApplicationReadyEvent.class)
	public void announce() {
		this.offline.ifAvailable((mode) -> logger.info("[offline] {}: answers come from the starter's offline mode; "
				+ "set MULERUN_API_KEY and restart to talk to MuleRun", mode.reason()));
	}

}
