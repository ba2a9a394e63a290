package com.mulerun.autoconfigure;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.io.Resource;

/**
 * Gives the values of {@code mulerun.chat.extra-body.*} the JSON type they were written
 * with, while {@link MuleRunProperties} is bound. YAML has types: {@code top_k: 40} stays
 * a number, {@code top_k: "40"} a string, {@code enabled: true} a boolean, and they are
 * bound as they are. Properties files, environment variables, system properties and
 * command-line arguments hold text only: there a value that reads as a JSON number or
 * boolean ({@code top_k=40}, {@code enabled=true}) becomes one, and anything else stays a
 * string.
 */
final class ExtraBodyBindHandlerAdvisor implements ConfigurationPropertiesBindHandlerAdvisor {

	static final ConfigurationPropertyName EXTRA_BODY = ConfigurationPropertyName.of("mulerun.chat.extra-body");

	private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,18})");

	private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)\\.[0-9]+([eE][-+]?[0-9]+)?");

	@Override
	public BindHandler apply(BindHandler bindHandler) {
		return new AbstractBindHandler(bindHandler) {

			@Override
			public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Object result) {
				Object bound = super.onSuccess(name, target, context, result);
				if (bound instanceof String text && EXTRA_BODY.isAncestorOf(name)
						&& isText(context.getConfigurationProperty())) {
					return jsonValue(text);
				}
				return bound;
			}

		};
	}

	/**
	 * Returns whether a property comes from a source that holds text only, where the type
	 * of a value is not written down. A value from a YAML document keeps the type YAML
	 * gave it.
	 */
	private static boolean isText(@Nullable ConfigurationProperty property) {
		Origin origin = (property != null) ? property.getOrigin() : null;
		while (origin != null) {
			if (origin instanceof TextResourceOrigin textResourceOrigin) {
				return !isYaml(textResourceOrigin.getResource());
			}
			origin = (origin instanceof PropertySourceOrigin propertySourceOrigin
					&& propertySourceOrigin.getOrigin() != null) ? propertySourceOrigin.getOrigin()
							: origin.getParent();
		}
		return true;
	}

	private static boolean isYaml(@Nullable Resource resource) {
		String name = (resource != null) ? resource.getFilename() : null;
		return name != null && (name.endsWith(".yml") || name.endsWith(".yaml"));
	}

	/**
	 * Returns the JSON number or boolean that a text stands for, or the text itself.
	 */
	static Object jsonValue(String text) {
		if ("true".equals(text) || "false".equals(text)) {
			return Boolean.valueOf(text);
		}
		if (INTEGER.matcher(text).matches()) {
			try {
				return Long.valueOf(text);
			}
			catch (NumberFormatException ex) {
				return text;
			}
		}
		if (DECIMAL.matcher(text).matches()) {
			return Double.valueOf(text);
		}
		return text;
	}

}
