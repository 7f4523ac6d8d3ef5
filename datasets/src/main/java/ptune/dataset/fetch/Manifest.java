package ptune.dataset.fetch;

import java.net.URI;
import java.util.List;

/** A collection's downloads: a base URL and the files under it. */
public record Manifest(String collection, URI baseUrl, List<ManifestEntry> entries) {

  public Manifest {
    entries = List.copyOf(entries);
    if (!baseUrl.toString().endsWith("/")) {
      baseUrl = URI.create(baseUrl + "/");
    }
  }

  /** The same files from another server, e.g. a mirror or a local test server. */
  public Manifest withBaseUrl(URI otherBase) {
    return new Manifest(collection, otherBase, entries);
  }

  public URI url(ManifestEntry entry) {
    return baseUrl.resolve(entry.path());
  }
}
