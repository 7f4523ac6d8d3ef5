package ptune.dataset.fetch;

import java.net.URI;

/** The downloaded bytes are not the file the manifest describes. */
public class ChecksumMismatchException extends FetchException {

  public ChecksumMismatchException(URI url, String expected, String actual) {
    super(url, "SHA-256 mismatch: expected " + expected + ", got " + actual);
  }
}
