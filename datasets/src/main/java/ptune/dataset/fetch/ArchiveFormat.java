package ptune.dataset.fetch;

/** How a downloaded file is laid out: kept as is, or unpacked. */
public enum ArchiveFormat {
  /** A plain data file, stored under its own name. */
  FILE,
  ZIP,
  TAR_GZ
}
