package ptune.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of the small hand-written files under src/test/resources. */
public final class Resources {

  private Resources() {}

  public static Path path(String resource) {
    URL url = Resources.class.getResource("/" + resource);
    if (url == null) {
      throw new AssertionError("missing test resource " + resource);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}
