package com.mulerun.chat.architecture;

import java.util.List;

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
 * Keeps the package-by-feature shape of {@code design.md}: dependencies point one way, only {@code http} touches
 * Reactor Netty and the root package stays small.
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
			.resideInAnyPackage(ROOT, ROOT + ".error..", ROOT + ".http..", ROOT + ".stream..",
					ROOT + ".validation..", ROOT + ".observation..", ROOT + ".interceptor..")
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

}
