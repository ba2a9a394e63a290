package com.mulerun.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.mulerun.chat.error.MuleRunClientTimeoutException;
import com.mulerun.chat.model.ChatCompletionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * One fault, at most one log line: a caller who gets the typed exception does not also
 * get a stack trace from the HTTP client underneath.
 */
class ChatCompletionTemplateFaultLoggingTests {

	private static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder().userMessage("Hi").build();

	private final List<ILoggingEvent> warnings = new CopyOnWriteArrayList<>();

	private final AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {

		@Override
		protected void append(ILoggingEvent event) {
			if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
				ChatCompletionTemplateFaultLoggingTests.this.warnings.add(event);
			}
		}

	};

	@BeforeEach
	void captureLog() {
		this.capture.start();
		root().addAppender(this.capture);
	}

	@AfterEach
	void releaseLog() {
		root().detachAppender(this.capture);
	}

	@Test
	void aResponseTimeoutOfABlockingCallLogsNothingBesidesTheTypedException() throws Exception {
		try (ScriptedHttpServer server = new ScriptedHttpServer((connection) -> connection.stall())) {
			ChatCompletionTemplate template = ChatCompletionTemplate.builder()
				.baseUrl(server.baseUrl())
				.retrySettings(RetrySettings.none())
				.timeouts(Timeouts.DEFAULTS.withResponse(Duration.ofMillis(300)))
				.build();
			for (int i = 0; i < 3; i++) {
				Throwable failure = catchThrowable(() -> template.create(REQUEST));
				assertThat(failure).isInstanceOf(MuleRunClientTimeoutException.class);
			}
			server.release();
			template.close();
		}
		assertThat(this.warnings).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
	}

	@Test
	void aResponseTimeoutOfAStreamLogsNothingBesidesTheTypedException() throws Exception {
		try (ScriptedHttpServer server = new ScriptedHttpServer((connection) -> connection.stall())) {
			ChatCompletionTemplate template = ChatCompletionTemplate.builder()
				.baseUrl(server.baseUrl())
				.retrySettings(RetrySettings.none())
				.timeouts(Timeouts.DEFAULTS.withResponse(Duration.ofMillis(300)))
				.build();
			for (int i = 0; i < 3; i++) {
				Throwable failure = catchThrowable(() -> template.stream(REQUEST).blockLast(Duration.ofSeconds(10)));
				assertThat(failure).isInstanceOf(MuleRunClientTimeoutException.class);
			}
			server.release();
			template.close();
		}
		assertThat(this.warnings).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
	}

	private static Logger root() {
		return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
	}

}
