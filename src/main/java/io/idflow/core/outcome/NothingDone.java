package io.idflow.core.outcome;

import io.idflow.core.client.ConductorException;
import java.util.function.Supplier;

/**
 * A goal could not plan, so it did nothing: the server's definitions could not be listed. Says so
 * in front of the request's own failure ({@code Nothing was uploaded: GET ... failed: ...}) and
 * whose fault that is.
 */
public final class NothingDone extends RuntimeException {
  private final transient Failure failure;

  private NothingDone(Failure failure, ConductorException cause) {
    super(failure.message(), cause);
    this.failure = failure;
  }

  /** {@code nothingDone}, such as {@code Nothing was uploaded}, because of {@code e}. */
  private static NothingDone because(String nothingDone, ConductorException e) {
    return new NothingDone(Failure.of(nothingDone + ": " + e.getMessage(), e), e);
  }

  /**
   * What {@code read} returns, a read made before any write; when it fails, a {@link NothingDone}
   * saying {@code nothingDone}.
   */
  public static <T> T beforeAnyWrite(String nothingDone, Supplier<T> read) {
    try {
      return read.get();
    } catch (ConductorException e) {
      throw because(nothingDone, e);
    }
  }

  public Failure failure() {
    return failure;
  }

  /** The request that failed. */
  @Override
  public synchronized ConductorException getCause() {
    return (ConductorException) super.getCause();
  }
}
