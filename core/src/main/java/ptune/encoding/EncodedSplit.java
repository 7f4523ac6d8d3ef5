package ptune.encoding;

import java.util.List;
import ptune.dataset.Example;
import ptune.trainer.EncodedExample;

/**
 * One split ready for the trainer: the gold examples, the encoder rows made from them (several per
 * example for QA windows), and how to turn the head's scores on those rows back into the
 * predictions the task's metric takes.
 */
public record EncodedSplit(List<Example> examples, List<EncodedExample> rows, PredictionDecoder decoder) {}
