package ptune.dataset.stats;

import java.util.Map;
import ptune.dataset.Split;

/**
 * Statistics of one split.
 *
 * @param records examples as the trainer sees them (MultiRC answer options, ReCoRD candidates, SRL
 *     propositions)
 * @param counts label distribution, entity or argument counts by type, or answerable/unanswerable
 *     counts, depending on the task kind; sorted by key
 * @param tokenLengths lengths of the encoded inputs with special tokens, before truncation
 */
public record SplitStats(Split split, int records, Map<String, Long> counts, LengthPercentiles tokenLengths) {}
