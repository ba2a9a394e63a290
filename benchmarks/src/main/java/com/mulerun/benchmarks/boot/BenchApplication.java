package com.mulerun.benchmarks.boot;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

import com.mulerun.chat.ChatCompletionTemplate;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot application of the benchmarks: nothing of its own, so what it holds is
 * what Boot's and the starter's auto-configuration make of its properties. The client
 * benchmark takes the auto-configured {@link ChatCompletionTemplate} from it
 * ({@link #autoConfiguredTemplate(String, String)}); the start-up benchmark starts it in
 * fresh JVMs as a bare WebFlux application and with the starter
 * ({@link #main(String[])}).
 */
@SpringBootApplication
public class BenchApplication {

	/** The file in which Boot modules list their auto-configurations. */
	private static final String AUTO_CONFIGURATIONS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	/**
	 * Starts the application without a web server, pointed at an endpoint through
	 * {@code mulerun.base-url}, and returns its context, which holds the auto-configured
	 * template.
	 * @param baseUrl the endpoint's base URL
	 * @param apiKey the API key
	 * @return the running context; close it when done
	 */
	public static ConfigurableApplicationContext autoConfiguredTemplate(String baseUrl, String apiKey) {
		SpringApplication application = new SpringApplication(BenchApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
		application.setDefaultProperties(java.util.Map.of("mulerun.base-url", baseUrl, "mulerun.api-key", apiKey));
		return application.run();
	}

	/**
	 * Starts the application as a WebFlux server on an ephemeral port, prints one line
	 * {@code STARTED <ms> READY <ms> TEMPLATES <n> CLASSES <n>} (milliseconds from the
	 * JVM's start to {@link ApplicationStartedEvent} and to
	 * {@link ApplicationReadyEvent}, the number of template beans, the classes loaded so
	 * far) and exits. With {@code -Dbench.startup.steps=true} it first prints the slow
	 * bean instantiations to standard error.
	 * @param args {@code bare} (the starter's auto-configurations excluded) or
	 * {@code starter}
	 */
	public static void main(String[] args) {
		boolean starter = args.length > 0 && args[0].equals("starter");
		long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
		AtomicLong started = new AtomicLong();
		AtomicLong ready = new AtomicLong();
		SpringApplication application = new SpringApplication(BenchApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
		application.addListeners((event) -> {
			if (event instanceof ApplicationStartedEvent) {
				started.set(System.currentTimeMillis() - jvmStart);
			}
			else if (event instanceof ApplicationReadyEvent) {
				ready.set(System.currentTimeMillis() - jvmStart);
			}
		});
		application.setDefaultProperties(starter
				? java.util.Map.of("server.port", "0", "mulerun.api-key", "sk-bench-0000")
				: java.util.Map.of("server.port", "0", "spring.autoconfigure.exclude", starterAutoConfigurations()));
		org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup steps = null;
		if (Boolean.getBoolean("bench.startup.steps")) {
			steps = new org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup(100_000);
			application.setApplicationStartup(steps);
		}
		ConfigurableApplicationContext context = application.run();
		if (steps != null) {
			printSlowestSteps(steps);
		}
		int templates = context.getBeanNamesForType(ChatCompletionTemplate.class).length;
		long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
		System.out.println("STARTED " + started.get() + " READY " + ready.get() + " TEMPLATES " + templates
				+ " CLASSES " + classes);
		System.out.flush();
		context.close();
		System.exit(0);
	}

	/**
	 * Returns every auto-configuration of the starter (the {@code com.mulerun} ones Boot
	 * would import), comma separated: the bare application excludes them all.
	 */
	static String starterAutoConfigurations() {
		java.util.List<String> names = new java.util.ArrayList<>();
		try {
			java.util.Enumeration<java.net.URL> files = BenchApplication.class.getClassLoader()
				.getResources(AUTO_CONFIGURATIONS);
			while (files.hasMoreElements()) {
				try (java.io.InputStream in = files.nextElement().openStream()) {
					for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
						.split("\\R")) {
						if (line.strip().startsWith("com.mulerun.")) {
							names.add(line.strip());
						}
					}
				}
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		if (names.isEmpty()) {
			throw new IllegalStateException("no com.mulerun auto-configuration in " + AUTO_CONFIGURATIONS);
		}
		return String.join(",", names);
	}

	/**
	 * Prints every bean instantiation that took 5 ms or more, as {@code bean <ms> <name>}
	 * (a bean's time includes the beans it needed first), for finding where the start-up
	 * time goes.
	 */
	private static void printSlowestSteps(
			org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup steps) {
		steps.getBufferedTimeline().getEvents().forEach((event) -> {
			if (!event.getStartupStep().getName().equals("spring.beans.instantiate")
					|| event.getDuration().toMillis() < 5) {
				return;
			}
			event.getStartupStep().getTags().forEach((tag) -> {
				if (tag.getKey().equals("beanName")) {
					System.err.println("bean " + event.getDuration().toMillis() + " " + tag.getValue());
				}
			});
		});
	}

}
