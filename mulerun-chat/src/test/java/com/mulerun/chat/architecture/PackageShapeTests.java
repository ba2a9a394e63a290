package com.mulerun.chat.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the package-by-feature shape of {@code design.md}: dependencies point one way,
 * only {@code http} touches Reactor Netty, the root package stays small and no source
 * file outside the model grows past 500 lines.
 */
class PackageShapeTests {

	private static final String ROOT = "com.mulerun.chat";

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(ROOT);
	}

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void modelDependsOnNothingOfOurs() {
		noClasses().that()
			.resideInAPackage(ROOT + ".model..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ROOT, ROOT + ".error..", ROOT + ".http..", ROOT + ".stream..", ROOT + ".validation..",
					ROOT + ".observation..", ROOT + ".interceptor..")
			.check(classes);
	}

	@Test
	void errorsDependOnlyOnTheModel() {
		noClasses().that()
			.resideInAPackage(ROOT + ".error..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ROOT, ROOT + ".http..", ROOT + ".stream..", ROOT + ".validation..",
					ROOT + ".observation..", ROOT + ".interceptor..")
			.check(classes);
	}

	@Test
	void streamingAndValidationDependOnlyOnTheModelAndErrors() {
		noClasses().that()
			.resideInAnyPackage(ROOT + ".stream..", ROOT + ".validation..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ROOT, ROOT + ".http..", ROOT + ".observation..", ROOT + ".interceptor..")
			.check(classes);
	}

	@Test
	void structuredOutputSitsOnTheOperationsTheModelAndErrors() {
		noClasses().that()
			.resideInAPackage(ROOT + ".structured..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ROOT + ".http..", ROOT + ".stream..", ROOT + ".validation..", ROOT + ".observation..",
					ROOT + ".interceptor..")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName(ROOT + ".ChatCompletionTemplate")
			.check(classes);
	}

	@Test
	void onlyTheTransportTouchesNetty() {
		noClasses().that()
			.resideOutsideOfPackage(ROOT + ".http..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("reactor.netty..", "io.netty..")
			.check(classes);
	}

	@Test
	void rootPackageHoldsAtMostTenTypes() {
		List<String> topLevel = classes.stream()
			.filter((type) -> type.getPackageName().equals(ROOT) && type.isTopLevelClass())
			.map(JavaClass::getSimpleName)
			.filter((name) -> !name.equals("package-info"))
			.sorted()
			.toList();
		assertThat(topLevel).hasSizeLessThanOrEqualTo(10);
	}

	@Test
	void noSourceFileIsLongerThanFiveHundredLinesOutsideTheModel() throws IOException {
		Path sources = Path.of("src/main/java/com/mulerun/chat");
		assertThat(sources).isDirectory();
		Map<String, Long> tooLong;
		try (Stream<Path> files = Files.walk(sources)) {
			tooLong = files.filter((file) -> file.toString().endsWith(".java"))
				// the model mirrors the spec's schemas one to one (see its package-info)
				.filter((file) -> !file.startsWith(sources.resolve("model")))
				.collect(Collectors.toMap((file) -> sources.relativize(file).toString(), PackageShapeTests::lines))
				.entrySet()
				.stream()
				.filter((entry) -> entry.getValue() > 500)
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		}
		assertThat(tooLong).isEmpty();
	}

	private static long lines(Path file) {
		try (Stream<String> lines = Files.lines(file)) {
			return lines.count();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
