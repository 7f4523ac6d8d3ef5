package ptune.dataset.fetch;

import java.net.URI;

/** A download that failed; the message names the URL and what went wrong. */
public class FetchException extends RuntimeException {

  private final URI url;

  public FetchException(URI url, String problem) {
    super(url + ": " + problem);
    this.url = url;
  }

  public FetchException(URI url, String problem, Throwable cause) {
    super(url + ": " + problem, cause);
    this.url = url;
  }

  public URI url() {
    return url;
  }
}
