package com.mulerun.autoconfigure;

import java.beans.PropertyDescriptor;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Warnings at start about configuration that binds but is probably not what was meant:
 * each unknown key under {@code mulerun.} (one line per key, with the closest known
 * name), and a base URL that would send the API key in clear text ({@code http://} to a
 * host other than the loopback).
 *
 * <p>
 * Environment variables are not checked for unknown keys: their names map to properties
 * ambiguously ({@code MULERUN_API_KEY} is also the documented fallback of the key) and
 * other tools may share the prefix.
 */
final class MuleRunStartupChecks implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(MuleRunStartupChecks.class);

	private static final String PREFIX = "mulerun";

	private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

	private static final Known KNOWN = Known.of(MuleRunProperties.class, PREFIX)
		.and(MuleRunOfflineProperties.class, MuleRunOfflineProperties.PREFIX);

	private final Environment environment;

	private final MuleRunProperties properties;

	MuleRunStartupChecks(Environment environment, MuleRunProperties properties) {
		this.environment = environment;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String unknown : unknownKeys(this.environment)) {
			logger.warn("Unknown configuration property '" + unknown + "' is ignored; did you mean '"
					+ closestKnownName(unknown) + "'?");
		}
		String cleartext = cleartextHost(this.properties.getBaseUrl());
		if (cleartext != null) {
			logger.warn("mulerun.base-url uses plain http:// to " + cleartext
					+ ": the API key is sent in clear text to a host that is not the loopback; use https://");
		}
	}

	/**
	 * Returns the keys under {@code mulerun.} in the environment (outside environment
	 * variables) that no property of {@link MuleRunProperties} (or of
	 * {@link MuleRunOfflineProperties}) binds.
	 * @param environment the environment
	 * @return the unknown keys in the order found, each once
	 */
	static List<String> unknownKeys(Environment environment) {
		ConfigurationPropertyName prefix = ConfigurationPropertyName.of(PREFIX);
		Set<String> unknown = new LinkedHashSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable
					&& !(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource)) {
				iterable.stream()
					.filter(prefix::isAncestorOf)
					.filter((name) -> !KNOWN.binds(name))
					.forEach((name) -> unknown.add(name.toString()));
			}
		}
		return new ArrayList<>(unknown);
	}

	/**
	 * Returns the known property name closest to the given one (fewest single-character
	 * edits).
	 * @param name an unknown name under {@code mulerun.}
	 * @return the closest known name
	 */
	static String closestKnownName(String name) {
		String target = normalize(name);
		String best = KNOWN.names().get(0);
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : KNOWN.names()) {
			int distance = distance(target, normalize(candidate));
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return best;
	}

	/**
	 * Returns the host of a plain {@code http://} base URL when it is not the loopback,
	 * or {@code null} when the key does not travel in clear text to another machine. Host
	 * names other than {@code localhost} are not resolved.
	 * @param baseUrl the configured base URL
	 * @return the host the key would be sent to in clear text, or {@code null}
	 */
	static @Nullable String cleartextHost(String baseUrl) {
		URI uri = URI.create(baseUrl.strip());
		String host = uri.getHost();
		if (!"http".equalsIgnoreCase(uri.getScheme()) || host == null) {
			return null;
		}
		String lower = host.toLowerCase(Locale.ROOT);
		if (lower.equals("localhost") || lower.endsWith(".localhost")) {
			return null;
		}
		if (IPV4.matcher(lower).matches() || lower.startsWith("[")) {
			try {
				// an IP literal: parsed, not looked up
				if (InetAddress.getByName(lower).isLoopbackAddress()) {
					return null;
				}
			}
			catch (UnknownHostException ex) {
				return host;
			}
		}
		return host;
	}

	private static String normalize(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/**
	 * The property names a properties class binds: leaves, and the prefixes of its maps,
	 * whose keys are free.
	 */
	private record Known(List<String> names, List<ConfigurationPropertyName> leaves,
			List<ConfigurationPropertyName> maps) {

		static Known of(Class<?> type, String prefix) {
			Known known = new Known(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
			known.collect(type, prefix);
			return known;
		}

		Known and(Class<?> type, String prefix) {
			collect(type, prefix);
			return this;
		}

		private void collect(Class<?> type, String prefix) {
			for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
				if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
					continue;
				}
				String name = prefix + "." + DataObjectPropertyName.toDashedForm(descriptor.getName());
				Class<?> propertyType = descriptor.getPropertyType();
				if (propertyType.getEnclosingClass() != null
						&& propertyType.getName().startsWith(MuleRunProperties.class.getName())) {
					collect(propertyType, name);
					continue;
				}
				this.names.add(name);
				if (Map.class.isAssignableFrom(propertyType)) {
					this.maps.add(ConfigurationPropertyName.of(name));
				}
				else {
					this.leaves.add(ConfigurationPropertyName.of(name));
				}
			}
		}

		boolean binds(ConfigurationPropertyName name) {
			return this.leaves.contains(name) || this.maps.stream().anyMatch((map) -> map.isAncestorOf(name));
		}

	}

}
