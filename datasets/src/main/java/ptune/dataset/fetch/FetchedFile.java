package ptune.dataset.fetch;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of one manifest entry.
 *
 * @param sha256 digest of the downloaded bytes; record it in the manifest when {@code verified} is
 *     false because no digest was known
 * @param installed files written under the data dir
 */
public record FetchedFile(URI url, String sha256, boolean verified, List<Path> installed) {}
