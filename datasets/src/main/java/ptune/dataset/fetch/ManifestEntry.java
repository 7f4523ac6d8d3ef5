package ptune.dataset.fetch;

/**
 * One file of a collection.
 *
 * @param path location relative to the collection's base URL, also the downloaded file's name
 * @param sha256 expected SHA-256 in lower-case hex, or null when not known yet (the fetcher then
 *     reports the digest it saw, to be recorded here)
 * @param targetDir directory relative to the data dir that receives the file or the archive content
 * @param stripComponents leading path components dropped from archive entries (like tar's option)
 */
public record ManifestEntry(
    String path, String sha256, ArchiveFormat format, String targetDir, int stripComponents) {

  public static ManifestEntry file(String path, String sha256, String targetDir) {
    return new ManifestEntry(path, sha256, ArchiveFormat.FILE, targetDir, 0);
  }

  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
