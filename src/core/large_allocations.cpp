#include "core/large_allocations.hpp"

#include <malloc.h>  // mallopt (glibc)

namespace tongchou {

void map_large_allocations() { mallopt(M_MMAP_THRESHOLD, kLargeAllocationBytes); }

}  // namespace tongchou
