package ptune.cli.commands.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import ptune.command.Command;
import ptune.cli.commands.data.CommandOptions;
import ptune.report.ResultTemplate;

/**
 * {@code ptune render TEMPLATE --results DIR --out FILE}: renders a Markdown template from published
 * sweep result files ({@link ResultTemplate}); docs/reproduction.md is made this way.
 */
public final class RenderCommand implements Command {
  private static final String USAGE = "render TEMPLATE --results DIR --out FILE [--link-base PATH]";

  @Override
  public String help() {
    return USAGE + ": a Markdown document whose numbers come from published sweep results";
  }

  @Override
  public int run(String[] args) throws Exception {
    CommandOptions opts = new CommandOptions(args, Set.of("results", "out", "link-base"), USAGE);
    if (opts.positional.size() != 1 || !opts.options.containsKey("results") || !opts.options.containsKey("out")) {
      throw new IllegalArgumentException("usage: " + USAGE);
    }
    Path results = Path.of(opts.options.get("results"));
    Path out = Path.of(opts.options.get("out"));
    String linkBase = opts.options.getOrDefault("link-base",
        out.toAbsolutePath().getParent().relativize(results.toAbsolutePath()).toString());
    String rendered = new ResultTemplate(results, linkBase).render(Path.of(opts.positional.get(0)));
    Files.writeString(out, rendered);
    System.out.println("rendered " + out);
    return 0;
  }
}
