package com.mulerun.chat.aot;

import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.ToolCall;
import com.mulerun.chat.model.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class of the API model package, as found on the class path, gets the reflection
 * hints Jackson needs.
 */
class ChatModelRuntimeHintsTests {

	private static final String MODEL_PACKAGE = "com.mulerun.chat.model";

	private final RuntimeHints hints = registeredHints();

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		new ChatModelRuntimeHints().registerHints(hints, ChatModelRuntimeHintsTests.class.getClassLoader());
		return hints;
	}

	@Test
	void everyClassOfTheModelPackageOnTheClassPathIsRegisteredForBinding() throws Exception {
		List<Class<?>> modelClasses = modelClasses();

		assertThat(modelClasses).hasSizeGreaterThan(90);
		assertThat(modelClasses).allSatisfy((type) -> assertThat(RuntimeHintsPredicates.reflection()
			.onType(type)
			.withMemberCategories(ChatModelRuntimeHints.BINDING_CATEGORIES))
			.as("reflection hints of %s", type.getName())
			.accepts(this.hints));
	}

	@Test
	void nestedRecordsSealedSubtypesAndDeserializersAreInvocable() throws Exception {
		Predicate<RuntimeHints> usageDetails = RuntimeHintsPredicates.reflection()
			.onType(Usage.PromptTokensDetails.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		Predicate<RuntimeHints> messageDeserializer = RuntimeHintsPredicates.reflection()
			.onType(ChatMessage.Deserializer.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		Predicate<RuntimeHints> toolCallMethods = RuntimeHintsPredicates.reflection()
			.onType(ToolCall.class)
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS);
		Predicate<RuntimeHints> sharedDeserializer = RuntimeHintsPredicates.reflection()
			.onType(Class.forName(MODEL_PACKAGE + ".DiscriminatorDeserializer"))
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_METHODS);

		assertThat(usageDetails.and(messageDeserializer).and(toolCallMethods).and(sharedDeserializer))
			.accepts(this.hints);
	}

	@Test
	void theRegistrarIsDeclaredInAotFactories() {
		List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader
			.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class);

		assertThat(registrars).hasAtLeastOneElementOfType(ChatModelRuntimeHints.class);
	}

	/**
	 * Lists the classes of the model package from their class files, nested ones
	 * included, so that a type added later is checked without anyone listing it here.
	 * Only the library's own class files count, not the tests that share the package.
	 */
	private static List<Class<?>> modelClasses() throws IOException, ClassNotFoundException {
		String library = ChatMessage.class.getProtectionDomain().getCodeSource().getLocation().getPath();
		Resource[] classFiles = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:" + MODEL_PACKAGE.replace('.', '/') + "/*.class");
		List<Class<?>> classes = new ArrayList<>();
		for (Resource classFile : classFiles) {
			if (!classFile.getURL().getPath().contains(library)) {
				continue;
			}
			String simpleName = classFile.getFilename().replace(".class", "");
			if (simpleName.equals("package-info")) {
				continue;
			}
			Class<?> type = Class.forName(MODEL_PACKAGE + "." + simpleName, false,
					ChatModelRuntimeHintsTests.class.getClassLoader());
			if (!type.isAnonymousClass() && !type.isSynthetic()) {
				classes.add(type);
			}
		}
		return classes;
	}

}
