package ptune.dataset.fetch;

import java.net.URI;

/** The server closed the connection before sending Content-Length bytes, on every attempt. */
public class IncompleteTransferException extends FetchException {

  private final long received;
  private final long expected;

  public IncompleteTransferException(URI url, long received, long expected, int attempts) {
    super(url, "transfer interrupted after " + attempts + " attempt(s): received " + received
        + " of " + expected + " bytes (Content-Length)");
    this.received = received;
    this.expected = expected;
  }

  public long received() {
    return received;
  }

  public long expected() {
    return expected;
  }
}
