package com.mulerun.chat;

import com.mulerun.chat.error.Redaction;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP proxy for the calls: host, port, optional credentials and hosts reached
 * directly.
 *
 * @param host the proxy host
 * @param port the proxy port
 * @param username the user name, or {@code null}
 * @param password the password, or {@code null}; never printed
 * @param nonProxyHosts a regular expression of hosts reached without the proxy, or
 * {@code null}
 */
public record ProxySettings(String host, int port, @Nullable String username, @Nullable String password,
		@Nullable String nonProxyHosts) {

	/**
	 * Creates proxy settings.
	 * @param host the proxy host
	 * @param port the proxy port
	 * @param username the user name, or {@code null}
	 * @param password the password, or {@code null}
	 * @param nonProxyHosts hosts reached without the proxy, or {@code null}
	 */
	public ProxySettings {
		Objects.requireNonNull(host, "host must not be null");
		if (port <= 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 1 and 65535 (was " + port + ")");
		}
	}

	@Override
	public String toString() {
		return "ProxySettings[host=" + this.host + ", port=" + this.port + ", username=" + this.username + ", password="
				+ ((this.password != null) ? Redaction.REDACTED : "null") + ", nonProxyHosts=" + this.nonProxyHosts
				+ "]";
	}

}
