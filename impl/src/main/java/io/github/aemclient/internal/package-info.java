/**
 * The implementation: nothing under {@code io.github.aemclient.internal} is API. Its types may change or
 * disappear in any release; the project's own modules (the CDI extension, the CLI, the benchmarks) use
 * them, applications must not.
 *
 * <p>Why packages and not a {@code module-info.java}: the library runs mostly inside application servers,
 * where {@code WEB-INF/lib} jars sit on the class path and JPMS enforces nothing, so a module descriptor
 * would promise a boundary it cannot hold there, while forcing the tests onto the module path (where the
 * reflective checks of the public API and the JAX-RS implementations' providers would need opening up).
 * Each jar carries an
 * {@code Automatic-Module-Name} for applications on the module path; the boundary itself is this package
 * name, excluded from the published Javadoc, and {@code PublicApiTest}, which fails when a public
 * signature outside it mentions a type inside it.
 */
package io.github.aemclient.internal;
