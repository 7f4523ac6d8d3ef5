# Sourced by bin/ptune and bin/ptune-cluster: the malloc that libtorch's CPU tensors come from.
# glibc's malloc gives every buffer above its mmap threshold (32 MiB at most) back to the kernel
# when it is freed, so each training step faults its attention and activation buffers in again, page
# by page: on a 2-core machine a third of a trial's CPU time went to the kernel. tcmalloc keeps
# them, and a PT-2 step took about 1.4x less time (docs/benchmarks.md, "The native allocator").
#   PTUNE_MALLOC unset or auto: tcmalloc when the dynamic linker knows it (Debian: libtcmalloc-minimal4),
#                               else glibc's malloc
#   PTUNE_MALLOC=glibc:         glibc's malloc
#   PTUNE_MALLOC=/path/lib.so:  that library (jemalloc, another tcmalloc build)

# Prints the library to preload (nothing for glibc's malloc); exits 2 on a PTUNE_MALLOC it cannot use.
ptune_malloc_library() {
  local choice="${PTUNE_MALLOC:-auto}"
  case "$choice" in
    glibc) ;;
    auto) { /sbin/ldconfig -p 2>/dev/null || true; } | awk '$1 == "libtcmalloc_minimal.so.4" { print $NF; exit }' ;;
    /*)
      if [[ ! -f "$choice" ]]; then
        echo "ptune: PTUNE_MALLOC=$choice: no such file (auto, glibc or the path of a malloc library)" >&2
        exit 2
      fi
      echo "$choice" ;;
    *) echo "ptune: PTUNE_MALLOC=$choice: expected auto, glibc or the absolute path of a malloc library" >&2; exit 2 ;;
  esac
}
