#include "core/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "core/error.hpp"
#include "core/input_file.hpp"

namespace tongchou {

MappedFile::MappedFile(const std::filesystem::path& path, const std::string& key) {
  auto fail = [&](const std::string& why) { throw InputError({{path.string(), 0, 0, key, why}}); };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail("cannot open: " + errno_text(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const std::string why = errno_text(errno);
    ::close(fd);
    fail("cannot read: " + why);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    fail("not a regular file");
  }
  size_ = static_cast<std::size_t>(st.st_size);
  if (size_ > 0) {
    void* m = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED) {
      const std::string why = errno_text(errno);
      ::close(fd);
      fail("cannot map into memory: " + why);
    }
    data_ = static_cast<const unsigned char*>(m);
  }
  ::close(fd);
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(const_cast<unsigned char*>(data_), size_);
}

}  // namespace tongchou
