package com.mulerun.chat.http;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import com.mulerun.chat.error.ErrorTexts;
import com.mulerun.chat.error.MuleRunClientTimeoutException;
import com.mulerun.chat.error.MuleRunConnectionException;
import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.error.Redaction;
import io.netty.channel.ChannelException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.ReadTimeoutException;

import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Translates what the network and the HTTP codec throw into the typed exceptions of the
 * client: timeouts into {@link MuleRunClientTimeoutException}, connection failures into
 * {@link MuleRunConnectionException} (retryable when nothing of the response arrived).
 */
final class TransportFailures {

	private final ErrorHints hints;

	private final Duration connectTimeout;

	/**
	 * Creates the translation for one endpoint.
	 * @param hints the hints of the endpoint, which name its URL and the settings behind
	 * it
	 * @param connectTimeout the connect timeout, named in messages
	 */
	TransportFailures(ErrorHints hints, Duration connectTimeout) {
		this.hints = hints;
		this.connectTimeout = connectTimeout;
	}

	/**
	 * Translates a failure of a call; exceptions of the client pass unchanged.
	 * @param error the failure
	 * @param headersArrived whether the response headers had arrived
	 * @param responseTimeout the response timeout of the call
	 * @return the typed failure
	 */
	Throwable translate(Throwable error, boolean headersArrived, Duration responseTimeout) {
		if (error instanceof MuleRunException) {
			return error;
		}
		if (error instanceof ReadTimeoutException || error.getCause() instanceof ReadTimeoutException
				|| error instanceof TimeoutException) {
			return new MuleRunClientTimeoutException(MuleRunClientTimeoutException.Kind.RESPONSE, responseTimeout,
					error);
		}
		if (error instanceof WebClientRequestException requestException) {
			Throwable cause = requestException.getCause();
			if (cause instanceof ConnectTimeoutException) {
				return new MuleRunClientTimeoutException(MuleRunClientTimeoutException.Kind.CONNECT,
						this.connectTimeout, cause);
			}
			return new MuleRunConnectionException(this.hints.couldNotSend(cause, ErrorTexts.describe(cause)), true,
					requestException);
		}
		if (isTransportFailure(error)) {
			String when = headersArrived ? "while reading the response" : "before the response";
			return new MuleRunConnectionException("Connection failed " + when + ": " + ErrorTexts.describe(error),
					!headersArrived, error);
		}
		// nothing but a MuleRunException reaches the caller: anything else is a defect,
		// kept as the cause
		return new MuleRunException(
				"The call failed unexpectedly: " + Redaction.redactSecrets(ErrorTexts.describe(error)), error);
	}

	/**
	 * Tells whether a failure comes from the network or the HTTP codec (reset, premature
	 * close, a malformed chunk) rather than from the client's own code.
	 * @param error the failure
	 * @return whether it is a transport failure
	 */
	static boolean isTransportFailure(Throwable error) {
		if (error instanceof IOException || error instanceof ChannelException || error instanceof DecoderException) {
			return true;
		}
		String name = error.getClass().getName();
		return name.startsWith("io.netty.") || name.startsWith("reactor.netty.") || isCodecFailure(error);
	}

	/**
	 * Tells whether the HTTP codec rejected the bytes with a plain JDK exception, as
	 * Netty does for a chunk-size line that is not hexadecimal
	 * ({@code NumberFormatException}).
	 */
	private static boolean isCodecFailure(Throwable error) {
		if (!(error instanceof IllegalArgumentException)) {
			return false;
		}
		StackTraceElement[] frames = error.getStackTrace();
		for (int i = 0; i < Math.min(frames.length, 4); i++) {
			if (frames[i].getClassName().startsWith("io.netty.handler.codec.")) {
				return true;
			}
		}
		return false;
	}

}
