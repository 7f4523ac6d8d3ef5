package ptune.cli.commands.data;

import java.net.URI;
import java.util.Set;
import ptune.command.Command;
import ptune.dataset.fetch.DataFetcher;
import ptune.dataset.fetch.FetchedFile;
import ptune.dataset.fetch.Manifest;
import ptune.dataset.fetch.OfficialManifests;

/**
 * {@code ptune fetch-data COLLECTION [--data-dir DIR] [--base-url URL]}: downloads the official
 * archives of a collection, checks their SHA-256 and unpacks them where the readers look.
 */
public final class FetchDataCommand implements Command {
  private static final String USAGE = "fetch-data COLLECTION [--data-dir DIR] [--base-url URL]";

  @Override
  public String help() {
    return USAGE + ": download and verify " + OfficialManifests.all().keySet();
  }

  @Override
  public int run(String[] args) throws Exception {
    CommandOptions opts = new CommandOptions(args, Set.of("data-dir", "base-url"), USAGE);
    if (opts.positional.size() != 1 || !OfficialManifests.all().containsKey(opts.positional.get(0))) {
      throw new IllegalArgumentException("usage: " + USAGE + "; collections: "
          + OfficialManifests.all().keySet());
    }
    Manifest manifest = OfficialManifests.all().get(opts.positional.get(0));
    if (opts.options.containsKey("base-url")) {
      manifest = manifest.withBaseUrl(URI.create(opts.options.get("base-url")));
    }
    for (FetchedFile f : new DataFetcher(opts.dataDir()).fetch(manifest)) {
      System.out.printf("%s  sha256 %s (%s)  -> %d files%n", f.url(), f.sha256(),
          f.verified() ? "verified" : "not in the manifest yet: record it", f.installed().size());
    }
    return 0;
  }
}
