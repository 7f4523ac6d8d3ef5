package ptune.metrics;

/** A labeled span: type and inclusive [start, end] positions in the concatenated tag sequence. */
public record Entity(String type, int start, int end) {}
