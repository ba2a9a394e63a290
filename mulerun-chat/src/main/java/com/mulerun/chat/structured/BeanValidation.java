package com.mulerun.chat.structured;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.ClassUtils;

/**
 * Validates structured values with Jakarta Bean Validation. Loaded only when the API is
 * on the classpath.
 */
final class BeanValidation implements AnswerReader.ValueValidator {

	private static final Logger logger = LoggerFactory.getLogger(BeanValidation.class);

	private final Validator validator;

	private BeanValidation(Validator validator) {
		this.validator = validator;
	}

	/**
	 * Returns a validator when Jakarta Bean Validation and a provider are on the
	 * classpath.
	 * @return the validator, or {@code null}
	 */
	static AnswerReader.@Nullable ValueValidator ifAvailable() {
		if (!ClassUtils.isPresent("jakarta.validation.Validation", BeanValidation.class.getClassLoader())) {
			return null;
		}
		try {
			ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
			return new BeanValidation(factory.getValidator());
		}
		catch (RuntimeException ex) {
			logger.debug("Jakarta Bean Validation is on the classpath but no provider could start; structured "
					+ "values are not validated", ex);
			return null;
		}
	}

	@Override
	public List<String> violations(Object value) {
		List<String> violations = new ArrayList<>();
		if (value instanceof Collection<?> collection) {
			int index = 0;
			for (Object element : collection) {
				collect("[" + index++ + "]", element, violations);
			}
		}
		else if (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
			for (int index = 0; index < Array.getLength(value); index++) {
				collect("[" + index + "]", Array.get(value, index), violations);
			}
		}
		else {
			collect("", value, violations);
		}
		return violations;
	}

	private void collect(String prefix, @Nullable Object value, List<String> violations) {
		if (value == null) {
			return;
		}
		List<String> found = new ArrayList<>();
		for (ConstraintViolation<Object> violation : this.validator.validate(value)) {
			String path = violation.getPropertyPath().toString();
			String where = prefix + ((path.isEmpty() || prefix.isEmpty()) ? path : "." + path);
			found.add(((where.isEmpty()) ? "value" : where) + ": " + violation.getMessage());
		}
		found.sort(null);
		violations.addAll(found);
	}

}
