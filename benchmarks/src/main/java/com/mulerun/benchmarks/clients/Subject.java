package com.mulerun.benchmarks.clients;

import java.util.function.IntConsumer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One way of doing the benchmark's work with one client: a non-streaming call or a
 * stream, reactive or blocking.
 *
 * <p>
 * A non-streaming subject returns the assistant's content; a streaming one reports, for
 * every element the client delivers, the number of content characters it carries (0 for
 * the role, finish and usage chunks), so the driver can check that every character the
 * server sent arrived.
 */
public interface Subject {

	/**
	 * Returns the client this subject uses, such as {@code template}.
	 * @return the client's name
	 */
	String client();

	/**
	 * Returns how the client is called, such as {@code createMono}.
	 * @return the API's name
	 */
	String api();

	/**
	 * Whether the subject blocks its calling thread (the driver then uses one thread per
	 * concurrent call).
	 * @return whether the subject is blocking
	 */
	boolean blocking();

	/**
	 * Whether the subject streams.
	 * @return whether the subject streams
	 */
	boolean streaming();

	/**
	 * Returns the label used in the tables.
	 * @return the label
	 */
	default String label() {
		return client() + " " + api();
	}

	/**
	 * A non-streaming call, reactive.
	 * @return the content of the completion
	 */
	default Mono<String> complete() {
		throw new UnsupportedOperationException(label());
	}

	/**
	 * A non-streaming call, blocking.
	 * @return the content of the completion
	 */
	default String completeBlocking() {
		throw new UnsupportedOperationException(label());
	}

	/**
	 * A stream, reactive.
	 * @return the number of content characters of each element delivered
	 */
	default Flux<Integer> stream() {
		throw new UnsupportedOperationException(label());
	}

	/**
	 * A stream, blocking: returns when the stream is complete.
	 * @param chars receives the number of content characters of each element delivered
	 */
	default void streamBlocking(IntConsumer chars) {
		throw new UnsupportedOperationException(label());
	}

	/**
	 * Creates a reactive non-streaming subject.
	 * @param client the client
	 * @param api the API
	 * @param call the call
	 * @return the subject
	 */
	static Subject reactiveCompletion(String client, String api, java.util.function.Supplier<Mono<String>> call) {
		return new Subject() {
			public String client() {
				return client;
			}

			public String api() {
				return api;
			}

			public boolean blocking() {
				return false;
			}

			public boolean streaming() {
				return false;
			}

			public Mono<String> complete() {
				return call.get();
			}
		};
	}

	/**
	 * Creates a blocking non-streaming subject.
	 * @param client the client
	 * @param api the API
	 * @param call the call
	 * @return the subject
	 */
	static Subject blockingCompletion(String client, String api, java.util.function.Supplier<String> call) {
		return new Subject() {
			public String client() {
				return client;
			}

			public String api() {
				return api;
			}

			public boolean blocking() {
				return true;
			}

			public boolean streaming() {
				return false;
			}

			public String completeBlocking() {
				return call.get();
			}
		};
	}

	/**
	 * Creates a reactive streaming subject.
	 * @param client the client
	 * @param api the API
	 * @param call the stream
	 * @return the subject
	 */
	static Subject reactiveStream(String client, String api, java.util.function.Supplier<Flux<Integer>> call) {
		return new Subject() {
			public String client() {
				return client;
			}

			public String api() {
				return api;
			}

			public boolean blocking() {
				return false;
			}

			public boolean streaming() {
				return true;
			}

			public Flux<Integer> stream() {
				return call.get();
			}
		};
	}

	/**
	 * Creates a blocking streaming subject.
	 * @param client the client
	 * @param api the API
	 * @param call the stream
	 * @return the subject
	 */
	static Subject blockingStream(String client, String api, java.util.function.Consumer<IntConsumer> call) {
		return new Subject() {
			public String client() {
				return client;
			}

			public String api() {
				return api;
			}

			public boolean blocking() {
				return true;
			}

			public boolean streaming() {
				return true;
			}

			public void streamBlocking(IntConsumer chars) {
				call.accept(chars);
			}
		};
	}

}
