package io.calsync.core.model;

/** The two sides of a sync pair: A is the source ({@code --from}), B the destination ({@code --to}). */
public enum Side {
  A,
  B;

  public Side other() {
    return this == A ? B : A;
  }

  /** The word users see: "source" for A, "destination" for B. */
  public String label() {
    return this == A ? "source" : "destination";
  }
}
