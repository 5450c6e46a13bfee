/**
 * The contract suites every storage runs, and the fixture items they use.
 *
 * <p>{@link io.calsync.provider.testkit.CalendarStorageContract} and {@link
 * io.calsync.provider.testkit.CalendarAccountContract} are abstract JUnit classes: a provider
 * subclasses them in its own tests and says how to make an empty storage or account. {@link
 * io.calsync.provider.testkit.Fixtures} loads the shipped {@code .ics} fixtures as items.
 *
 * <p>This module is a test library: JUnit and AssertJ are compile-scope dependencies, and
 * providers depend on it with {@code <scope>test</scope>}.
 */
package io.calsync.provider.testkit;
